/**
 * Response and body types, derived from the shared Zod schemas at the type level only (no zod
 * code reaches the bundle from here).
 */
import type {
  AuditOut,
  AuditVerifyOut,
  BreakGlassOut,
  LoginResult as LoginResultSchema,
  Permission,
  Preferences,
  Role,
  SecuritySettings,
  SessionUser as SessionUserSchema,
  StreetOut,
  TotpSetupResult,
  UserCreateBody,
  UserOut,
  UserPatchBody,
} from '@jinglin/shared';

type Out<S extends { parse: (v: unknown) => unknown }> = ReturnType<S['parse']>;

export type {
  Permission,
  Preferences,
  Role,
  SecuritySettings,
  StreetOut,
  UserCreateBody,
  UserOut,
  UserPatchBody,
};

/** The session user; the server may add `mustEnrollTotp` when a second factor is required. */
export type SessionUser = SessionUserSchema & { mustEnrollTotp?: boolean };
export type LoginResult = Omit<LoginResultSchema, 'user'> & { user: SessionUser; mustEnrollTotp?: boolean };
export type AuditRecord = AuditOut;
export type AuditVerifyResult = Out<typeof AuditVerifyOut>;
export type BreakGlassGrant = Out<typeof BreakGlassOut> & { username?: string; displayName?: string };
export type TotpSetup = Out<typeof TotpSetupResult>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AreasResponse {
  items: StreetOut[];
  communityCount: number;
}
