/**
 * The README's "Who may import whom" list is generated from the rule itself (`eslint.layers.mjs`), so the front door
 * cannot describe boundaries the lint does not enforce. On a mismatch the failure message is the block to paste.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAY_IMPORT, ZONES, type Zone } from '../../../eslint.layers.mjs';

const ROOT = path.resolve(__dirname, '../../..');

/** One line per zone: its folder, and the zones it may import (with their folders). */
function layerMatrix(): string {
  const folder = (z: Zone): string => `\`${ZONES[z]}\``;
  return (Object.keys(ZONES) as Zone[])
    .map((zone) => {
      const may = MAY_IMPORT[zone];
      return `- ${folder(zone)} → ${may.length === 0 ? 'nothing in the project' : may.map(folder).join(', ')}`;
    })
    .join('\n');
}

describe('README architecture section', () => {
  it('lists exactly the import rule that lint enforces', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- layer-matrix:start[^>]*-->\n([\s\S]*?)\n<!-- layer-matrix:end -->/.exec(readme);
    expect(block, 'README.md has no layer-matrix block').not.toBeNull();
    expect(block?.[1]?.trim(), 'README "Who may import whom" is out of date; replace it with:').toBe(layerMatrix());
  });
});
