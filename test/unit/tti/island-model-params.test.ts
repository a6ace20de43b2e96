/**
 * src/scripts/tti/island.ts keeps its own copy of the model parameter names (importing them would put a
 * preload helper into its small entry); this pins the copy to the one source, form-fields.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_PARAMS } from '../../../src/components/tti/form-fields.ts';

const islandSource = readFileSync(new URL('../../../src/scripts/tti/island.ts', import.meta.url), 'utf8');

describe("the island's MODEL_PARAMS", () => {
  it('lists exactly the model parameters of form-fields.ts', () => {
    const literal = /const MODEL_PARAMS = new Set\(\[([^\]]*)\]\)/.exec(islandSource)?.[1];
    expect(literal, 'island.ts declares MODEL_PARAMS as a Set literal').toBeDefined();
    const names = [...literal!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(names.sort()).toEqual([...MODEL_PARAMS].sort());
  });
});
