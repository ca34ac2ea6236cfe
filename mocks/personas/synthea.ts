/**
 * Loads the Synthea fixtures from disk (Node only; kept out of `./index` so browser code can import the
 * persona list). Paths resolve from this file, not the working directory, so the CLI and tests work from
 * anywhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from 'fhir/r4';
import { synthea, type SyntheaFixture } from './index';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a fixture's file. */
export function syntheaPath(fixture: SyntheaFixture): string {
  return path.join(REPO_ROOT, fixture.file);
}

/** The fixture's Bundle as parsed JSON; throws if the id is unknown. */
export function loadSynthea(id: string): Bundle {
  const fixture = synthea.find((s) => s.id === id);
  if (!fixture) throw new Error(`Unknown Synthea fixture "${id}" (known: ${synthea.map((s) => s.id).join(', ')})`);
  return JSON.parse(readFileSync(syntheaPath(fixture), 'utf8')) as Bundle;
}
