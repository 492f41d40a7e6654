import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_VARIABLES } from '@jinglin/shared';
import { BUILTIN_VARIABLES } from './variables';

describe('the web app’s built-in rule variables', () => {
  it('equal the shared list (names, types, values, ranges, units, labels)', () => {
    expect(JSON.parse(JSON.stringify(BUILTIN_VARIABLES))).toEqual(
      JSON.parse(JSON.stringify(BUILTIN_RULE_VARIABLES)),
    );
  });
});
