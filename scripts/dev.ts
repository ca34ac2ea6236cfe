/**
 * `npm run dev`: like `npm start` (app + local SMART sandbox EHR, Ctrl-C stops both) but with `next dev`, so app
 * changes reload without a build. The sandbox is the same as in `npm start`; restart to pick up sandbox changes.
 */
import { runStack } from './start';

void runStack({ mode: 'dev' }).then((code) => process.exit(code));
