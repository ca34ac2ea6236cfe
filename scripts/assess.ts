/**
 * `npm run assess`: see `scripts/lib/assess-cli.ts` (all logic lives there so tests run it in-process).
 * Sets `process.exitCode` rather than calling `process.exit` so a large JSON document is fully flushed.
 */
import { runAssessCli } from './lib/assess-cli';

void runAssessCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
