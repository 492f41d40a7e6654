/**
 * Every page of the web app, for the router, the navigation and the e2e tests (which iterate this
 * list to run axe on each page). Pure data: no React, no runtime imports.
 */
import type { Permission } from '@jinglin/shared';

export type PageId =
  | 'login'
  | 'resident-login'
  | 'totp'
  | 'home'
  | 'persons'
  | 'person-new'
  | 'person-import'
  | 'person'
  | 'person-edit'
  | 'benefit-programs'
  | 'benefit-program'
  | 'benefit-cycles'
  | 'benefit-cycle'
  | 'benefit-approvals'
  | 'benefit-reviews'
  | 'benefit-objections'
  | 'my-benefits'
  | 'tracking-live'
  | 'tracking-track'
  | 'tracking-zones'
  | 'my-tracking'
  | 'users'
  | 'security'
  | 'areas'
  | 'audit'
  | 'break-glass'
  | 'account'
  | 'tracking-alerts'
  | 'tracking-devices'
  | 'tracking-centres'
  | 'tracking-settings'
  | 'care-queue'
  | 'care-home'
  | 'care-organisations'
  | 'care-organisation'
  | 'care-volunteers'
  | 'care-volunteer-new'
  | 'care-volunteer'
  | 'care-volunteer-edit'
  | 'care-needs'
  | 'care-need-new'
  | 'care-need-slas'
  | 'care-need'
  | 'my-needs'
  | 'my-need-new'
  | 'my-hours'
  | 'my-accompaniment'
  | 'my-accompaniment-new'
  | 'my-acc-offers'
  | 'my-proof-print'
  | 'care-volunteer-hours'
  | 'care-hours-corrections'
  | 'care-proofs'
  | 'care-proof-print'
  | 'care-issuer-settings'
  | 'care-pairings'
  | 'care-pairing-new'
  | 'care-pairing'
  | 'care-pairing-edit'
  | 'care-pairing-record'
  | 'care-visit-new'
  | 'care-visit'
  | 'care-visit-record'
  | 'my-care'
  | 'care-projects'
  | 'care-project-new'
  | 'care-project'
  | 'care-project-edit'
  | 'care-meetings'
  | 'care-meeting-new'
  | 'care-meeting'
  | 'care-meeting-edit'
  | 'acc-calendar'
  | 'acc-hospitals'
  | 'acc-book'
  | 'acc-bookings'
  | 'acc-booking'
  | 'acc-desk'
  | 'acc-stats'
  | 'not-found';

export type NavKey =
  | 'myAccompaniment'
  | 'myAccOffers'
  | 'home'
  | 'persons'
  | 'personImport'
  | 'benefitPrograms'
  | 'benefitCycles'
  | 'benefitApprovals'
  | 'benefitReviews'
  | 'benefitObjections'
  | 'myBenefits'
  | 'trackingLive'
  | 'trackingZones'
  | 'myTracking'
  | 'users'
  | 'security'
  | 'areas'
  | 'audit'
  | 'breakGlass'
  | 'account'
  | 'totp'
  | 'trackingAlerts'
  | 'trackingDevices'
  | 'trackingCentres'
  | 'trackingSettings'
  | 'myHours'
  | 'careHoursCorrections'
  | 'careProofs'
  | 'careIssuer'
  | 'careQueue'
  | 'careHome'
  | 'careOrganisations'
  | 'careVolunteers'
  | 'careNeeds'
  | 'myNeeds'
  | 'carePairings'
  | 'myCare'
  | 'careProjects'
  | 'careMeetings'
  | 'accCalendar'
  | 'accBookings'
  | 'accBook'
  | 'accHospitals'
  | 'accDesk'
  | 'accStats';

export interface PageDef {
  id: PageId;
  /** Router path ('*' for the 404 page). */
  path: string;
  /** A concrete URL to open in tests (same as path except for the 404 page and `sample` pages). */
  url: string;
  /**
   * `url` holds an ":id" of this kind of record: tests open the page with a real one that the
   * test account may see (e.g. the first person of GET /api/v1/persons; a benefit programme's
   * `:code`; a payment cycle's `:id`; a watch's `:id` from a centre's live list).
   */
  sample?:
    | 'person'
    | 'program'
    | 'cycle'
    | 'device'
    | 'project'
    | 'meeting'
    | 'need'
    | 'pairing'
    | 'visit'
    | 'volunteer'
    | 'proof'
    | 'myProof'
    | 'organisation'
    | 'accBooking';
  /** Must the visitor be signed in? */
  needsLogin: boolean;
  /** The permission the page is about (null: any signed-in user, or public). */
  permission: Permission | null;
  /** Holding any one of these opens the page (empty: no permission needed). */
  anyOf: readonly Permission[];
  /** Key under `nav.*` for the menu entry and link text; absent: not in the menu. */
  nav?: NavKey;
  /** Menu group (heading `nav.group.*`): the group's entries are listed together under it. */
  navGroup?: 'accompaniment';
  /** Layout: 'public' (login pages), 'app' (signed-in shell), 'any' (404: shell if signed in). */
  layout: 'public' | 'app' | 'any';
}

export const PAGES: readonly PageDef[] = [
  {
    id: 'login',
    path: '/login',
    url: '/login',
    needsLogin: false,
    permission: null,
    anyOf: [],
    layout: 'public',
  },
  {
    id: 'resident-login',
    path: '/resident-login',
    url: '/resident-login',
    needsLogin: false,
    permission: null,
    anyOf: [],
    layout: 'public',
  },
  {
    id: 'totp',
    path: '/security/totp',
    url: '/security/totp',
    needsLogin: true,
    permission: null,
    anyOf: [],
    layout: 'app',
  },
  {
    id: 'home',
    path: '/',
    url: '/',
    needsLogin: true,
    permission: null,
    anyOf: [],
    nav: 'home',
    layout: 'app',
  },
  {
    id: 'my-benefits',
    path: '/me/benefits',
    url: '/me/benefits',
    needsLogin: true,
    permission: 'benefits.own',
    anyOf: ['benefits.own'],
    nav: 'myBenefits',
    layout: 'app',
  },
  {
    id: 'my-tracking',
    path: '/me/tracking',
    url: '/me/tracking',
    needsLogin: true,
    permission: 'tracking.own',
    anyOf: ['tracking.own'],
    nav: 'myTracking',
    layout: 'app',
  },
  {
    id: 'persons',
    path: '/persons',
    url: '/persons',
    needsLogin: true,
    permission: 'persons.read',
    anyOf: ['persons.read'],
    nav: 'persons',
    layout: 'app',
  },
  {
    id: 'person-new',
    path: '/persons/new',
    url: '/persons/new',
    needsLogin: true,
    permission: 'persons.write',
    anyOf: ['persons.write'],
    layout: 'app',
  },
  {
    id: 'person-import',
    path: '/persons/import',
    url: '/persons/import',
    needsLogin: true,
    permission: 'persons.import',
    anyOf: ['persons.import'],
    nav: 'personImport',
    layout: 'app',
  },
  {
    id: 'person',
    path: '/persons/:id',
    url: '/persons/:id',
    sample: 'person',
    needsLogin: true,
    permission: 'persons.read',
    anyOf: ['persons.read'],
    layout: 'app',
  },
  {
    id: 'person-edit',
    path: '/persons/:id/edit',
    url: '/persons/:id/edit',
    sample: 'person',
    needsLogin: true,
    permission: 'persons.write',
    anyOf: ['persons.write'],
    layout: 'app',
  },
  {
    id: 'tracking-live',
    path: '/tracking/live',
    url: '/tracking/live',
    needsLogin: true,
    permission: 'tracking.read',
    anyOf: ['tracking.read'],
    nav: 'trackingLive',
    layout: 'app',
  },
  {
    id: 'tracking-track',
    path: '/tracking/devices/:id/track',
    url: '/tracking/devices/:id/track',
    sample: 'device',
    needsLogin: true,
    permission: 'tracking.read',
    anyOf: ['tracking.read'],
    layout: 'app',
  },
  {
    id: 'tracking-zones',
    path: '/tracking/zones',
    url: '/tracking/zones',
    needsLogin: true,
    permission: 'tracking.manage',
    anyOf: ['tracking.manage'],
    nav: 'trackingZones',
    layout: 'app',
  },
  {
    id: 'benefit-programs',
    path: '/benefits/programs',
    url: '/benefits/programs',
    needsLogin: true,
    permission: 'benefits.read',
    anyOf: ['benefits.read'],
    nav: 'benefitPrograms',
    layout: 'app',
  },
  {
    id: 'benefit-program',
    path: '/benefits/programs/:code',
    url: '/benefits/programs/:code',
    sample: 'program',
    needsLogin: true,
    permission: 'benefits.read',
    anyOf: ['benefits.read'],
    layout: 'app',
  },
  {
    id: 'benefit-cycles',
    path: '/benefits/cycles',
    url: '/benefits/cycles',
    needsLogin: true,
    permission: 'benefits.read',
    anyOf: ['benefits.read'],
    nav: 'benefitCycles',
    layout: 'app',
  },
  {
    id: 'benefit-cycle',
    path: '/benefits/cycles/:id',
    url: '/benefits/cycles/:id',
    sample: 'cycle',
    needsLogin: true,
    permission: 'benefits.read',
    anyOf: ['benefits.read'],
    layout: 'app',
  },
  {
    id: 'benefit-approvals',
    path: '/benefits/approvals',
    url: '/benefits/approvals',
    needsLogin: true,
    permission: 'benefits.approve',
    anyOf: ['benefits.approve'],
    nav: 'benefitApprovals',
    layout: 'app',
  },
  {
    id: 'benefit-reviews',
    path: '/benefits/reviews',
    url: '/benefits/reviews',
    needsLogin: true,
    permission: 'benefits.review',
    anyOf: ['benefits.review'],
    nav: 'benefitReviews',
    layout: 'app',
  },
  {
    id: 'benefit-objections',
    path: '/benefits/objections',
    url: '/benefits/objections',
    needsLogin: true,
    permission: 'benefits.review',
    anyOf: ['benefits.review'],
    nav: 'benefitObjections',
    layout: 'app',
  },
  {
    id: 'tracking-alerts',
    path: '/tracking/alerts',
    url: '/tracking/alerts',
    needsLogin: true,
    permission: 'tracking.alerts',
    anyOf: ['tracking.alerts'],
    nav: 'trackingAlerts',
    layout: 'app',
  },
  {
    id: 'tracking-devices',
    path: '/tracking/devices',
    url: '/tracking/devices',
    needsLogin: true,
    permission: 'tracking.manage',
    anyOf: ['tracking.manage'],
    nav: 'trackingDevices',
    layout: 'app',
  },
  {
    id: 'tracking-centres',
    path: '/tracking/centres',
    url: '/tracking/centres',
    needsLogin: true,
    permission: 'tracking.manage',
    anyOf: ['tracking.manage'],
    nav: 'trackingCentres',
    layout: 'app',
  },
  {
    id: 'tracking-settings',
    path: '/tracking/settings',
    url: '/tracking/settings',
    needsLogin: true,
    permission: 'tracking.manage',
    anyOf: ['tracking.manage'],
    nav: 'trackingSettings',
    layout: 'app',
  },
  {
    id: 'care-queue',
    path: '/care/queue',
    url: '/care/queue',
    needsLogin: true,
    permission: 'care.visits',
    anyOf: ['care.visits', 'care.needs', 'care.plans'],
    nav: 'careQueue',
    layout: 'app',
  },
  {
    id: 'care-home',
    path: '/care',
    url: '/care',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.read', 'care.own', 'care.visits', 'care.needs', 'care.plans', 'care.hours'],
    nav: 'careHome',
    layout: 'app',
  },
  {
    id: 'care-organisations',
    path: '/care/organisations',
    url: '/care/organisations',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.read'],
    nav: 'careOrganisations',
    layout: 'app',
  },
  {
    id: 'care-organisation',
    path: '/care/organisations/:id',
    url: '/care/organisations/:id',
    sample: 'organisation',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.read'],
    layout: 'app',
  },
  {
    id: 'care-volunteers',
    path: '/care/volunteers',
    url: '/care/volunteers',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.read'],
    nav: 'careVolunteers',
    layout: 'app',
  },
  {
    id: 'care-volunteer-new',
    path: '/care/volunteers/new',
    url: '/care/volunteers/new',
    needsLogin: true,
    permission: 'care.manage',
    anyOf: ['care.manage'],
    layout: 'app',
  },
  {
    id: 'care-volunteer',
    path: '/care/volunteers/:id',
    url: '/care/volunteers/:id',
    sample: 'volunteer',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.read'],
    layout: 'app',
  },
  {
    id: 'care-volunteer-edit',
    path: '/care/volunteers/:id/edit',
    url: '/care/volunteers/:id/edit',
    sample: 'volunteer',
    needsLogin: true,
    permission: 'care.manage',
    anyOf: ['care.manage'],
    layout: 'app',
  },
  {
    id: 'care-needs',
    path: '/care/needs',
    url: '/care/needs',
    needsLogin: true,
    permission: 'care.needs',
    anyOf: ['care.needs'],
    nav: 'careNeeds',
    layout: 'app',
  },
  {
    id: 'care-need-new',
    path: '/care/needs/new',
    url: '/care/needs/new',
    needsLogin: true,
    permission: 'care.needs',
    anyOf: ['care.needs'],
    layout: 'app',
  },
  {
    id: 'care-need-slas',
    path: '/care/needs/slas',
    url: '/care/needs/slas',
    needsLogin: true,
    permission: 'care.settings',
    anyOf: ['care.settings'],
    layout: 'app',
  },
  {
    id: 'care-need',
    path: '/care/needs/:id',
    url: '/care/needs/:id',
    sample: 'need',
    needsLogin: true,
    permission: 'care.needs',
    anyOf: ['care.needs'],
    layout: 'app',
  },
  {
    id: 'my-needs',
    path: '/me/needs',
    url: '/me/needs',
    needsLogin: true,
    permission: 'care.needs.own',
    anyOf: ['care.needs.own'],
    nav: 'myNeeds',
    layout: 'app',
  },
  {
    id: 'my-need-new',
    path: '/me/needs/new',
    url: '/me/needs/new',
    needsLogin: true,
    permission: 'care.needs.own',
    anyOf: ['care.needs.own'],
    layout: 'app',
  },
  {
    id: 'my-accompaniment',
    path: '/me/accompaniment',
    url: '/me/accompaniment',
    needsLogin: true,
    permission: 'accompaniment.own',
    anyOf: ['accompaniment.own'],
    nav: 'myAccompaniment',
    layout: 'app',
  },
  {
    id: 'my-accompaniment-new',
    path: '/me/accompaniment/new',
    url: '/me/accompaniment/new',
    needsLogin: true,
    permission: 'accompaniment.own',
    anyOf: ['accompaniment.own'],
    layout: 'app',
  },
  {
    id: 'my-acc-offers',
    path: '/me/accompaniment/offers',
    url: '/me/accompaniment/offers',
    needsLogin: true,
    permission: 'care.own',
    anyOf: ['care.own'],
    nav: 'myAccOffers',
    layout: 'app',
  },
  {
    id: 'my-hours',
    path: '/me/hours',
    url: '/me/hours',
    needsLogin: true,
    permission: 'care.own',
    anyOf: ['care.own'],
    nav: 'myHours',
    layout: 'app',
  },
  {
    id: 'my-proof-print',
    path: '/me/hours/proofs/:id/print',
    url: '/me/hours/proofs/:id/print',
    sample: 'myProof',
    needsLogin: true,
    permission: 'care.own',
    anyOf: ['care.own'],
    layout: 'app',
  },
  {
    id: 'care-volunteer-hours',
    path: '/care/volunteers/:id/hours',
    url: '/care/volunteers/:id/hours',
    sample: 'volunteer',
    needsLogin: true,
    permission: 'care.hours',
    anyOf: ['care.hours'],
    layout: 'app',
  },
  {
    id: 'care-hours-corrections',
    path: '/care/hours/corrections',
    url: '/care/hours/corrections',
    needsLogin: true,
    permission: 'care.hours',
    anyOf: ['care.hours'],
    nav: 'careHoursCorrections',
    layout: 'app',
  },
  {
    id: 'care-proofs',
    path: '/care/proofs',
    url: '/care/proofs',
    needsLogin: true,
    permission: 'care.hours',
    anyOf: ['care.hours'],
    nav: 'careProofs',
    layout: 'app',
  },
  {
    id: 'care-proof-print',
    path: '/care/proofs/:id/print',
    url: '/care/proofs/:id/print',
    sample: 'proof',
    needsLogin: true,
    permission: 'care.hours',
    anyOf: ['care.hours'],
    layout: 'app',
  },
  {
    id: 'care-issuer-settings',
    path: '/care/settings/issuer',
    url: '/care/settings/issuer',
    needsLogin: true,
    permission: 'care.settings',
    anyOf: ['care.settings'],
    nav: 'careIssuer',
    layout: 'app',
  },
  {
    id: 'care-pairings',
    path: '/care/pairings',
    url: '/care/pairings',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.pairings', 'care.visits'],
    nav: 'carePairings',
    layout: 'app',
  },
  {
    id: 'care-pairing-new',
    path: '/care/pairings/new',
    url: '/care/pairings/new',
    needsLogin: true,
    permission: 'care.pairings',
    anyOf: ['care.pairings'],
    layout: 'app',
  },
  {
    id: 'care-pairing',
    path: '/care/pairings/:id',
    url: '/care/pairings/:id',
    sample: 'pairing',
    needsLogin: true,
    permission: 'care.read',
    anyOf: ['care.pairings', 'care.visits'],
    layout: 'app',
  },
  {
    id: 'care-pairing-edit',
    path: '/care/pairings/:id/edit',
    url: '/care/pairings/:id/edit',
    sample: 'pairing',
    needsLogin: true,
    permission: 'care.pairings',
    anyOf: ['care.pairings'],
    layout: 'app',
  },
  {
    id: 'care-pairing-record',
    path: '/care/pairings/:id/record',
    url: '/care/pairings/:id/record',
    sample: 'pairing',
    needsLogin: true,
    permission: 'care.visits',
    anyOf: ['care.visits'],
    layout: 'app',
  },
  {
    id: 'care-visit-new',
    path: '/care/visits/new',
    url: '/care/visits/new',
    needsLogin: true,
    permission: 'care.visits',
    anyOf: ['care.visits'],
    layout: 'app',
  },
  {
    id: 'care-visit',
    path: '/care/visits/:id',
    url: '/care/visits/:id',
    sample: 'visit',
    needsLogin: true,
    permission: 'care.visits',
    anyOf: ['care.visits'],
    layout: 'app',
  },
  {
    id: 'care-visit-record',
    path: '/care/visits/:id/record',
    url: '/care/visits/:id/record',
    sample: 'visit',
    needsLogin: true,
    permission: 'care.visits',
    anyOf: ['care.visits'],
    layout: 'app',
  },
  {
    id: 'my-care',
    path: '/me/care',
    url: '/me/care',
    needsLogin: true,
    permission: 'care.own',
    anyOf: ['care.own'],
    nav: 'myCare',
    layout: 'app',
  },
  {
    id: 'care-projects',
    path: '/care/projects',
    url: '/care/projects',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    nav: 'careProjects',
    layout: 'app',
  },
  {
    id: 'care-project-new',
    path: '/care/projects/new',
    url: '/care/projects/new',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'care-project',
    path: '/care/projects/:id',
    url: '/care/projects/:id',
    sample: 'project',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'care-project-edit',
    path: '/care/projects/:id/edit',
    url: '/care/projects/:id/edit',
    sample: 'project',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'care-meetings',
    path: '/care/meetings',
    url: '/care/meetings',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    nav: 'careMeetings',
    layout: 'app',
  },
  {
    id: 'care-meeting-new',
    path: '/care/meetings/new',
    url: '/care/meetings/new',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'care-meeting',
    path: '/care/meetings/:id',
    url: '/care/meetings/:id',
    sample: 'meeting',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'care-meeting-edit',
    path: '/care/meetings/:id/edit',
    url: '/care/meetings/:id/edit',
    sample: 'meeting',
    needsLogin: true,
    permission: 'care.plans',
    anyOf: ['care.plans'],
    layout: 'app',
  },
  {
    id: 'users',
    path: '/admin/users',
    url: '/admin/users',
    needsLogin: true,
    permission: 'users.read',
    anyOf: ['users.read', 'users.manage'],
    nav: 'users',
    layout: 'app',
  },
  {
    id: 'security',
    path: '/admin/security',
    url: '/admin/security',
    needsLogin: true,
    permission: 'security.manage',
    anyOf: ['security.manage'],
    nav: 'security',
    layout: 'app',
  },
  {
    id: 'areas',
    path: '/areas',
    url: '/areas',
    needsLogin: true,
    permission: 'areas.read',
    anyOf: ['areas.read'],
    nav: 'areas',
    layout: 'app',
  },
  {
    id: 'audit',
    path: '/audit',
    url: '/audit',
    needsLogin: true,
    permission: 'audit.read',
    anyOf: ['audit.read'],
    nav: 'audit',
    layout: 'app',
  },
  {
    id: 'break-glass',
    path: '/access/break-glass',
    url: '/access/break-glass',
    needsLogin: true,
    permission: 'access.break_glass',
    anyOf: ['access.break_glass', 'access.break_glass.review'],
    nav: 'breakGlass',
    layout: 'app',
  },
  {
    id: 'account',
    path: '/account',
    url: '/account',
    needsLogin: true,
    permission: null,
    anyOf: [],
    nav: 'account',
    layout: 'app',
  },
  // Hospital accompaniment, staff pages (陪同就医).
  {
    id: 'acc-calendar',
    path: '/accompaniment/calendar',
    url: '/accompaniment/calendar',
    needsLogin: true,
    permission: 'accompaniment.manage',
    anyOf: ['accompaniment.manage'],
    nav: 'accCalendar',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'acc-bookings',
    path: '/accompaniment/bookings',
    url: '/accompaniment/bookings',
    needsLogin: true,
    permission: 'accompaniment.read',
    anyOf: ['accompaniment.read'],
    nav: 'accBookings',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'acc-booking',
    path: '/accompaniment/bookings/:id',
    url: '/accompaniment/bookings/:id',
    sample: 'accBooking',
    needsLogin: true,
    permission: 'accompaniment.read',
    anyOf: ['accompaniment.read'],
    layout: 'app',
  },
  {
    id: 'acc-book',
    path: '/accompaniment/book',
    url: '/accompaniment/book',
    needsLogin: true,
    permission: 'accompaniment.book',
    anyOf: ['accompaniment.book'],
    nav: 'accBook',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'acc-hospitals',
    path: '/accompaniment/hospitals',
    url: '/accompaniment/hospitals',
    needsLogin: true,
    permission: 'accompaniment.manage',
    anyOf: ['accompaniment.manage'],
    nav: 'accHospitals',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'acc-desk',
    path: '/accompaniment/desk',
    url: '/accompaniment/desk',
    needsLogin: true,
    permission: 'accompaniment.desk',
    anyOf: ['accompaniment.desk'],
    nav: 'accDesk',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'acc-stats',
    path: '/accompaniment/stats',
    url: '/accompaniment/stats',
    needsLogin: true,
    permission: 'accompaniment.read',
    anyOf: ['accompaniment.read'],
    nav: 'accStats',
    navGroup: 'accompaniment',
    layout: 'app',
  },
  {
    id: 'not-found',
    path: '*',
    url: '/this-page-does-not-exist',
    needsLogin: false,
    permission: null,
    anyOf: [],
    layout: 'any',
  },
];

export function pageById(id: PageId): PageDef {
  const p = PAGES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown page ${id}`);
  return p;
}

/** Can a user with these permissions open the page? (Login is checked separately.) */
export function canOpen(page: PageDef, permissions: readonly string[]): boolean {
  return page.anyOf.length === 0 || page.anyOf.some((p) => permissions.includes(p));
}
