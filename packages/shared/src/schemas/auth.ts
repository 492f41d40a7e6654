import { z } from 'zod';
import { ROLES, PERMISSIONS } from '../roles.js';
import { MobilePhone, patchOf } from './common.js';

export const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const Preferences = z
  .object({
    careMode: z.boolean().default(false),
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    readAloudRate: z.number().min(0.5).max(2).default(1),
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesPatch = patchOf(Preferences);

export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  streetCode: z.string().nullable(),
  communityId: z.uuid().nullable(),
  totpEnabled: z.boolean(),
  /** The role needs a second factor that is not enrolled yet: only enrolment is allowed. */
  mustEnrollTotp: z.boolean(),
  preferences: Preferences,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResult = z.object({
  token: z.string(),
  user: SessionUser,
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number().int(),
});
export type LoginResult = z.infer<typeof LoginResult>;

export const OtpRequestBody = z.object({ phone: MobilePhone }).strict();
export const OtpVerifyBody = z.object({ phone: MobilePhone, code: z.string().regex(/^\d{6}$/) }).strict();

export const TotpSetupResult = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) })
  .strict();

export const SecuritySettings = z
  .object({
    totpRequiredRoles: z.array(z.enum(ROLES)),
    idleTimeoutMinutes: z.number().int().min(5).max(480),
    absoluteTimeoutHours: z.number().int().min(1).max(72),
    lockoutThreshold: z.number().int().min(3).max(20),
    lockoutMinutes: z.number().int().min(1).max(1440),
  })
  .strict();
export type SecuritySettings = z.infer<typeof SecuritySettings>;
