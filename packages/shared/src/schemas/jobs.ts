import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobOut = z.object({
  id: z.uuid(),
  type: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobOut = z.infer<typeof JobOut>;
export const JobAccepted = z.object({ jobId: z.uuid() });
