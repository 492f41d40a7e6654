/** The response serializer: the schema's fields only, checked; the same JSON as Zod's encode. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { pageOf, PersonListItem } from '@jinglin/shared';
import { serializerCompiler } from './serializer.js';

const compile = (schema: unknown) =>
  serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

const item = {
  id: '0190c0de-0000-7000-8000-000000000001',
  name: '阿依古丽·买买提',
  idNumber: '310106********123X',
  gender: 'female',
  age: 36,
  streetCode: 'linfenlu',
  communityId: null,
  livingStatus: 'normal',
  category: 2,
  grade: 3,
  version: 1,
};

describe('response serializer', () => {
  it('writes what Zod encode writes, without the fields the schema does not name', () => {
    const schema = pageOf(PersonListItem);
    const page = {
      items: [{ ...item, idNumberEnc: Buffer.from('secret'), phone: '13800000000', birthDate: '1990-01-01' }],
      nextCursor: null,
    };
    const out = compile(schema)(page);
    expect(JSON.parse(out)).toEqual({ items: [item], nextCursor: null });
    expect(out).toBe(JSON.stringify(z.encode(schema, page as unknown as z.output<typeof schema>)));
    expect(out).not.toContain('13800000000');
    expect(out).not.toContain('1990-01-01');
  });

  it('refuses a response that does not match its schema (a 500, never the wrong data)', () => {
    const bad = { items: [{ ...item, age: 'thirty' }], nextCursor: null };
    let thrown: unknown;
    try {
      compile(pageOf(PersonListItem))(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown && isResponseSerializationError(thrown as never)).toBe(true);
  });

  it('takes a schema given as { properties } too, and refuses what is not Zod', () => {
    expect(compile({ properties: z.object({ a: z.number() }) })({ a: 1, b: 2 })).toBe('{"a":1}');
    expect(() => compile({ type: 'object' })).toThrow(/not a Zod schema/);
  });
});
