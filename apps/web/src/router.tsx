import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Forbidden } from './components/Forbidden';
import { RouteError } from './components/RouteError';
import { Shell } from './components/Shell';
import { canOpen, PAGES, type PageDef, type PageId } from './routes';
import { useMe } from './session';

/** Every page is its own chunk. */
const COMPONENTS: Record<PageId, LazyExoticComponent<ComponentType>> = {
  login: lazy(() => import('./pages/Login')),
  'resident-login': lazy(() => import('./pages/ResidentLogin')),
  totp: lazy(() => import('./pages/TotpSetup')),
  home: lazy(() => import('./pages/Home')),
  persons: lazy(() => import('./pages/Persons')),
  'person-new': lazy(() => import('./pages/PersonForm')),
  'person-import': lazy(() => import('./pages/PersonImport')),
  person: lazy(() => import('./pages/PersonDetail')),
  'person-edit': lazy(() => import('./pages/PersonForm')),
  'benefit-programs': lazy(() => import('./pages/BenefitPrograms')),
  'benefit-program': lazy(() => import('./pages/BenefitProgram')),
  'benefit-cycles': lazy(() => import('./pages/BenefitCycles')),
  'benefit-cycle': lazy(() => import('./pages/BenefitCycle')),
  'benefit-approvals': lazy(() => import('./pages/BenefitApprovals')),
  'benefit-reviews': lazy(() => import('./pages/BenefitReviews')),
  'benefit-objections': lazy(() => import('./pages/BenefitObjections')),
  'my-benefits': lazy(() => import('./pages/MyBenefits')),
  'tracking-live': lazy(() => import('./pages/TrackingLive')),
  'tracking-track': lazy(() => import('./pages/TrackingTrack')),
  'tracking-zones': lazy(() => import('./pages/TrackingZones')),
  'my-tracking': lazy(() => import('./pages/MyTracking')),
  users: lazy(() => import('./pages/Users')),
  security: lazy(() => import('./pages/SecuritySettings')),
  areas: lazy(() => import('./pages/Areas')),
  audit: lazy(() => import('./pages/Audit')),
  'break-glass': lazy(() => import('./pages/BreakGlass')),
  account: lazy(() => import('./pages/Account')),
  'tracking-alerts': lazy(() => import('./pages/TrackingAlerts')),
  'tracking-devices': lazy(() => import('./pages/TrackingDevices')),
  'tracking-centres': lazy(() => import('./pages/TrackingCentres')),
  'tracking-settings': lazy(() => import('./pages/TrackingSettings')),
  'care-queue': lazy(() => import('./pages/CareQueue')),
  'care-home': lazy(() => import('./pages/CareHome')),
  'care-organisations': lazy(() => import('./pages/CareOrganisations')),
  'care-organisation': lazy(() => import('./pages/CareOrganisation')),
  'care-volunteers': lazy(() => import('./pages/CareVolunteers')),
  'care-volunteer-new': lazy(() => import('./pages/CareVolunteerForm')),
  'care-volunteer': lazy(() => import('./pages/CareVolunteer')),
  'care-volunteer-edit': lazy(() => import('./pages/CareVolunteerForm')),
  'care-needs': lazy(() => import('./pages/CareNeeds')),
  'care-need-new': lazy(() => import('./pages/CareNeedNew')),
  'care-need-slas': lazy(() => import('./pages/CareNeedSlas')),
  'care-need': lazy(() => import('./pages/CareNeed')),
  'my-needs': lazy(() => import('./pages/MyNeeds')),
  'my-need-new': lazy(() => import('./pages/MyNeedNew')),
  'my-hours': lazy(() => import('./pages/MyHours')),
  'my-accompaniment': lazy(() => import('./pages/MyAccompaniment')),
  'my-accompaniment-new': lazy(() => import('./pages/MyAccompanimentNew')),
  'my-acc-offers': lazy(() => import('./pages/MyAccOffers')),
  'my-proof-print': lazy(() => import('./pages/CareProofPrint')),
  'care-volunteer-hours': lazy(() => import('./pages/CareVolunteerHours')),
  'care-hours-corrections': lazy(() => import('./pages/CareHoursCorrections')),
  'care-proofs': lazy(() => import('./pages/CareProofs')),
  'care-proof-print': lazy(() => import('./pages/CareProofPrint')),
  'care-issuer-settings': lazy(() => import('./pages/CareIssuerSettings')),
  'care-pairings': lazy(() => import('./pages/CarePairings')),
  'care-pairing-new': lazy(() => import('./pages/CarePairingForm')),
  'care-pairing': lazy(() => import('./pages/CarePairing')),
  'care-pairing-edit': lazy(() => import('./pages/CarePairingForm')),
  'care-pairing-record': lazy(() => import('./pages/CareVisitRecord')),
  'care-visit-new': lazy(() => import('./pages/CareVisitPlan')),
  'care-visit': lazy(() => import('./pages/CareVisit')),
  'care-visit-record': lazy(() => import('./pages/CareVisitRecord')),
  'my-care': lazy(() => import('./pages/MyCare')),
  'care-projects': lazy(() => import('./pages/CareProjects')),
  'care-project-new': lazy(() => import('./pages/CareProjectForm')),
  'care-project': lazy(() => import('./pages/CareProject')),
  'care-project-edit': lazy(() => import('./pages/CareProjectForm')),
  'care-meetings': lazy(() => import('./pages/CareMeetings')),
  'care-meeting-new': lazy(() => import('./pages/CareMeetingForm')),
  'care-meeting': lazy(() => import('./pages/CareMeeting')),
  'care-meeting-edit': lazy(() => import('./pages/CareMeetingForm')),
  'acc-calendar': lazy(() => import('./pages/AccCalendar')),
  'acc-hospitals': lazy(() => import('./pages/AccHospitals')),
  'acc-book': lazy(() => import('./pages/AccBook')),
  'acc-bookings': lazy(() => import('./pages/AccBookings')),
  'acc-booking': lazy(() => import('./pages/AccBooking')),
  'acc-desk': lazy(() => import('./pages/AccDesk')),
  'acc-stats': lazy(() => import('./pages/AccStats')),
  'not-found': lazy(() => import('./pages/NotFound')),
};

function Gate({ page, children }: { page: PageDef; children: ReactNode }) {
  const { data: user } = useMe(false);
  if (page.layout === 'app' && !canOpen(page, user?.permissions ?? [])) return <Forbidden />;
  return children;
}

function routeOf(page: PageDef): RouteObject {
  const Page = COMPONENTS[page.id];
  return {
    path: page.path,
    element: (
      <Gate page={page}>
        <Page />
      </Gate>
    ),
  };
}

function group(layout: PageDef['layout']): RouteObject {
  return {
    element: <Shell kind={layout} />,
    errorElement: <RouteError />,
    children: PAGES.filter((p) => p.layout === layout).map(routeOf),
  };
}

export const router = createBrowserRouter([group('public'), group('app'), group('any')]);
