import { z } from 'zod';

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() }).strict();

export const PageQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

type NoDefault<T> = T extends z.ZodDefault<infer U> ? U : T;

/**
 * The PATCH schema of a create schema: every field optional and none defaulted. (Zod 4's
 * `.partial()` keeps a field's `.default()`, so a PATCH naming one field would reset the others.)
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap() : v]),
  ) as { [K in keyof S]: NoDefault<S[K]> };
  return z.object(shape).partial().strict();
}

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export const Ok = z.object({ ok: z.literal(true) });

/** A mainland mobile number: 11 digits starting with 1. Full-width digits and spaces normalised. */
export const MobilePhone = z
  .string()
  .transform((s) => normaliseDigits(s).replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, { error: 'invalid_format' }));

export function normaliseDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}
