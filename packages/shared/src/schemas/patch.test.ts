import { describe, expect, it } from 'vitest';
import { PreferencesPatch } from './auth.js';
import { ProgramPatchBody } from './benefits.js';
import { patchOf } from './common.js';
import { DayCentrePatch } from './tracking.js';
import { z } from 'zod';

describe('PATCH schemas carry only what the caller named (no create defaults)', () => {
  it('patchOf keeps the fields’ rules but drops their defaults', () => {
    const Create = z.object({ name: z.string().min(1), tags: z.array(z.string()).default([]) }).strict();
    const Patch = patchOf(Create);
    expect(Patch.parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(Patch.parse({})).toEqual({});
    expect(Patch.safeParse({ name: '' }).success).toBe(false);
    expect(Patch.safeParse({ other: 1 }).success, 'strict').toBe(false);
  });

  it('renaming a day centre leaves its address, hours and staff alone', () => {
    expect(DayCentrePatch.parse({ name: '新名字' })).toEqual({ name: '新名字' });
  });

  it('switching care mode leaves the language and read-aloud rate alone', () => {
    expect(PreferencesPatch.parse({ careMode: true })).toEqual({ careMode: true });
  });

  it('renaming a programme keeps its example mark and variables', () => {
    expect(ProgramPatchBody.parse({ nameZh: '新的名称' })).toEqual({ nameZh: '新的名称' });
    expect(ProgramPatchBody.parse({ active: false })).toEqual({ active: false });
  });
});
