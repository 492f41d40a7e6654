/** The care network module (issue 6, items 1–3): organisations and teams, volunteers, pairings. */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { CareService } from './care.service.js';
import { CarePairings } from './care.pairings.js';
import { careRoutes } from './care.routes.js';
import { NeedsService } from './needs/needs.service.js';
import { needsRoutes } from './needs/needs.routes.js';
import { PlansService } from './plans/plans.service.js';
import { plansRoutes } from './plans/plans.routes.js';
import { HoursModule } from './hours/hours.module.js';
import { CareVisits } from './visits/visits.service.js';
import { MyVisits } from './visits/visits.mine.js';
import { visitsRoutes } from './visits/visits.routes.js';

export class CareModule {
  readonly service: CareService;
  readonly pairings: CarePairings;
  readonly needs: NeedsService;
  readonly plans: PlansService;
  readonly hours: HoursModule;
  readonly visits: CareVisits;
  readonly myVisits: MyVisits;

  constructor(readonly p: Platform) {
    this.service = new CareService(p);
    this.pairings = new CarePairings(p);
    this.needs = new NeedsService(p);
    this.plans = new PlansService(p, this.needs);
    this.hours = new HoursModule(p);
    this.visits = new CareVisits(p);
    this.myVisits = new MyVisits(p);
  }

  routes(app: FastifyInstance): void {
    careRoutes(app, this);
    needsRoutes(app, this.needs);
    plansRoutes(app, this.plans);
    this.hours.routes(app);
    visitsRoutes(app, this);
  }
}

const modules = new WeakMap<Platform, CareModule>();

export function careOf(p: Platform): CareModule {
  let m = modules.get(p);
  if (!m) modules.set(p, (m = new CareModule(p)));
  return m;
}
