import { z } from 'zod';

export const CommunityOut = z.object({ id: z.uuid(), name: z.string(), streetCode: z.string() });
export const StreetOut = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['street', 'town']),
  statCode: z.string().nullable(),
  communities: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type StreetOut = z.infer<typeof StreetOut>;
export const AreasOut = z.object({ items: z.array(StreetOut), communityCount: z.number().int() });
export const StreetParams = z.object({ code: z.string().max(40) }).strict();
export const CommunityCreateBody = z
  .object({ streetCode: z.string().max(40), name: z.string().trim().min(1).max(100) })
  .strict();
