import { z } from 'zod';

export const BreakGlassBody = z
  .object({
    reason: z.string().trim().min(10).max(500),
    streetCode: z.string().max(40).optional(),
    communityId: z.uuid().optional(),
    minutes: z.number().int().min(5).max(240).default(60),
  })
  .strict();

export const BreakGlassOut = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  reason: z.string(),
  streetCode: z.string().nullable(),
  communityId: z.uuid().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
