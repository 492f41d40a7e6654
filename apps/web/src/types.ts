/**
 * Response and body types, derived from the shared Zod schemas at the type level only (no zod
 * code reaches the bundle from here).
 */
import type {
  AuditOut,
  AuditVerifyOut,
  BreakGlassOut,
  CertificateInput,
  CertificateOut,
  DuplicateOut,
  GuardianBody,
  GuardianOut,
  HistoryOut,
  HouseholdLinkBody,
  HouseholdOut,
  JobOut,
  LoginResult as LoginResultSchema,
  Permission,
  PersonCreateBody,
  PersonListItem as PersonListItemSchema,
  PersonOut,
  PersonPatchBody,
  Preferences,
  RevealOut,
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
  CertificateInput,
  JobOut,
  Permission,
  PersonCreateBody,
  PersonOut,
  PersonPatchBody,
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

export type PersonListItem = Out<typeof PersonListItemSchema>;
export type Certificate = Out<typeof CertificateOut>;
export type Guardian = Out<typeof GuardianOut>;
export type GuardianInput = Out<typeof GuardianBody>;
export type HistoryEntry = Out<typeof HistoryOut>;
export type DuplicateCandidate = Out<typeof DuplicateOut>;
export type Household = Out<typeof HouseholdOut>;
export type Revealed = Out<typeof RevealOut>;
export type Gender = PersonOut['gender'];
export type Hukou = PersonOut['hukou'];
export type LivingStatus = PersonOut['livingStatus'];
export type LowIncome = PersonOut['lowIncome'];
export type Employment = PersonOut['employment'];
export type Education = PersonOut['education'];
export type GuardianRelation = Guardian['relationship'];
export type HouseholdRole = NonNullable<Out<typeof HouseholdLinkBody>['role']>;

/** The result of a spreadsheet import job (GET /jobs/:id → result). */
export interface ImportError {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  written: number;
  errors: ImportError[];
  errorReportAvailable: boolean;
}
