import { z } from 'zod';
import { ROLES } from '../roles.js';
import { MobilePhone } from './common.js';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: 'invalid_format' });

export const UserCreateBody = z
  .object({
    username: Username,
    password: z.string().min(1).max(256).optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    streetCode: z.string().max(40).optional(),
    communityId: z.uuid().optional(),
    phone: MobilePhone.optional(),
  })
  .strict();
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserPatchBody = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    streetCode: z.string().max(40).nullable().optional(),
    communityId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
    phone: MobilePhone.nullable().optional(),
  })
  .strict();
export type UserPatchBody = z.infer<typeof UserPatchBody>;

export const UserOut = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  streetCode: z.string().nullable(),
  communityId: z.uuid().nullable(),
  /** Always masked (138****5678). */
  phone: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserOut = z.infer<typeof UserOut>;

export const UserListQuery = z
  .object({
    q: z.string().trim().max(64).optional(),
    role: z.enum(ROLES).optional(),
    streetCode: z.string().max(40).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(256) }).strict();
