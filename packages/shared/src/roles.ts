/**
 * Roles (DESIGN.md "Who uses it") and the permissions each holds. The single source for the
 * server's access checks, the generated role × route test and the web app's navigation.
 */
export const ROLES = [
  'district_admin',
  'auditor',
  'district_officer',
  'street_officer',
  'community_worker',
  'volunteer_coordinator',
  'volunteer',
  'hospital_desk',
  'day_centre_staff',
  'procuratorate_liaison',
  'resident',
  'guardian',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'resident' && r !== 'guardian');
export const RESIDENT_ROLES: readonly Role[] = ['resident', 'guardian'];

export const PERMISSIONS = [
  'areas.read',
  'areas.manage',
  'users.read',
  'users.manage',
  'security.manage',
  'audit.read',
  'jobs.read',
  'access.break_glass',
  'access.break_glass.review',
  'persons.read',
  'persons.write',
  'persons.reveal',
  'persons.import',
  'persons.export',
  'persons.merge',
  'keys.rotate',
  'benefits.read',
  'benefits.manage',
  'benefits.run',
  'benefits.approve',
  'benefits.review',
  'benefits.own',
  'tracking.read',
  'tracking.manage',
  'tracking.alerts',
  'tracking.own',
  'care.read',
  'care.manage',
  'care.pairings',
  'care.own',
  'care.visits',
  'care.needs',
  'care.needs.own',
  'care.plans',
  'care.hours',
  'care.settings',
  'accompaniment.read',
  'accompaniment.manage',
  'accompaniment.book',
  'accompaniment.desk',
  'accompaniment.own',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How far a role's data reaches; break-the-glass can widen it for a while. */
export type ScopeLevel = 'district' | 'street' | 'community' | 'own' | 'none';

export const ROLE_SCOPE: Record<Role, ScopeLevel> = {
  district_admin: 'district',
  auditor: 'none',
  district_officer: 'district',
  street_officer: 'street',
  community_worker: 'community',
  volunteer_coordinator: 'own',
  volunteer: 'own',
  hospital_desk: 'own',
  day_centre_staff: 'own',
  procuratorate_liaison: 'own',
  resident: 'own',
  guardian: 'own',
};

const staffBasics: Permission[] = ['areas.read', 'jobs.read'];
const registryWork: Permission[] = [
  'persons.read',
  'persons.write',
  'persons.reveal',
  'persons.import',
  'persons.export',
  'persons.merge',
];

/** Running benefits: cycles, approval (four eyes: never one's own submission), reviews, objections. */
const benefitsWork: Permission[] = ['benefits.read', 'benefits.run', 'benefits.approve', 'benefits.review'];

/**
 * The care network: organisations, teams, members and volunteers are district-wide and managed
 * (`care.manage`) by district staff and volunteer coordinators; pairings (`care.pairings`) are
 * scoped by the paired person's street / community, so street and community workers manage those
 * of their area (a coordinator, scope `own`, sees none).
 *
 * Visits (`care.visits`) and needs cases (`care.needs`) follow the person's street / community like
 * pairings; meetings and work plans (`care.plans`) and service hours, corrections and proofs
 * (`care.hours`) are district-wide; `care.settings` sets the needs' SLA per category. Residents
 * and guardians raise and follow their own needs (`care.needs.own`).
 *
 * Hospital accompaniment: `accompaniment.book` books for a person in the caller's area (a hotline
 * coordinator, scope `own`, finds the caller by exact ID or certificate number), `.manage` runs
 * hospitals, sessions and assignment, `.desk` is a hospital desk's day list and check-in,
 * `.own` a resident's or guardian's own bookings; volunteers answer offers with `care.own`.
 */
const careWork: Permission[] = [
  'care.read',
  'care.manage',
  'care.pairings',
  'care.visits',
  'care.needs',
  'care.plans',
  'care.hours',
  'care.settings',
  'accompaniment.read',
  'accompaniment.manage',
  'accompaniment.book',
];
const carePairingWork: Permission[] = [
  'care.read',
  'care.pairings',
  'care.visits',
  'care.needs',
  'accompaniment.read',
  'accompaniment.book',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The system administrator manages users and configuration, not audit records or case contents.
  // Devices, day centres and zones; positions and alerts only of devices not bound to a person.
  district_admin: [
    ...staffBasics,
    'areas.manage',
    'users.read',
    'users.manage',
    'security.manage',
    'tracking.manage',
    'tracking.read',
    'tracking.alerts',
  ],
  // The auditor reads the audit trail and break-glass grants, and changes nothing.
  auditor: ['audit.read', 'access.break_glass.review'],
  district_officer: [
    ...staffBasics,
    ...registryWork,
    'users.read',
    ...benefitsWork,
    'benefits.manage',
    ...careWork,
  ],
  street_officer: [
    ...staffBasics,
    ...registryWork,
    'users.read',
    'access.break_glass',
    ...benefitsWork,
    ...carePairingWork,
  ],
  community_worker: [
    ...staffBasics,
    'persons.read',
    'persons.write',
    'access.break_glass',
    'benefits.read',
    ...carePairingWork,
  ],
  // Coordinators run the hospital accompaniment: hospitals, sessions, assignment overrides, the
  // calendar; they also take hotline bookings.
  volunteer_coordinator: [
    ...staffBasics,
    'care.read',
    'care.manage',
    'care.plans',
    'care.hours',
    'accompaniment.read',
    'accompaniment.manage',
    'accompaniment.book',
  ],
  // Their own profile and pairings (the family's name and address for the visit, nothing more).
  volunteer: ['care.own'],
  // Their hospital's day list (the resident's name, service, department, volunteer), check-in/out.
  hospital_desk: ['accompaniment.desk'],
  // Their centre's trainees: positions, live map, alerts (acknowledge, close).
  day_centre_staff: [...staffBasics, 'tracking.read', 'tracking.alerts'],
  procuratorate_liaison: [],
  resident: ['benefits.own', 'care.needs.own', 'accompaniment.own'],
  guardian: ['benefits.own', 'tracking.own', 'care.needs.own', 'accompaniment.own'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

/** Roles that are tied to one street (streetCode required) or one community (communityId required). */
export function scopeNeeds(role: Role): 'street' | 'community' | null {
  const level = ROLE_SCOPE[role];
  return level === 'street' ? 'street' : level === 'community' ? 'community' : null;
}
