/**
 * The benefits module (免申即享): its services, its job and event subscription, and its routes.
 * `start` (worker processes) also runs the daily birthday check.
 */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { ImportService } from '../registry/import/import.service.js';
import { ProgramsService } from './programs.service.js';
import { SimulationService } from './simulation.service.js';
import { CyclesService } from './cycles.service.js';
import { EligibilityService } from './eligibility.service.js';
import { ReviewsService } from './reviews.service.js';
import { ObjectionsService } from './objections.service.js';
import { PortalService } from './portal.service.js';
import { PaymentsService } from './payments.service.js';
import { FactsService } from './facts.service.js';
import { benefitsRoutes } from './benefits.routes.js';
import { benefitsCaseRoutes } from './benefits-cases.routes.js';

export class BenefitsModule {
  readonly programs: ProgramsService;
  readonly simulation: SimulationService;
  readonly cycles: CyclesService;
  readonly eligibility: EligibilityService;
  readonly reviews: ReviewsService;
  readonly objections: ObjectionsService;
  readonly portal: PortalService;
  readonly payments: PaymentsService;
  readonly facts: FactsService;
  /** Upload handling (private temporary files in the data folder), shared with registry imports. */
  readonly uploads: ImportService;

  constructor(p: Platform) {
    this.programs = new ProgramsService(p);
    this.simulation = new SimulationService(p);
    this.cycles = new CyclesService(p);
    this.eligibility = new EligibilityService(p);
    this.reviews = new ReviewsService(p);
    this.objections = new ObjectionsService(p);
    this.portal = new PortalService(p);
    this.payments = new PaymentsService(p);
    this.facts = new FactsService(p);
    this.uploads = new ImportService(p);
    // Jobs and event handlers are registered in every process; only workers claim and dispatch.
    this.cycles.registerJob();
    this.eligibility.subscribe();
  }

  routes(app: FastifyInstance): void {
    benefitsRoutes(app, this);
    benefitsCaseRoutes(app, this);
  }
}

const modules = new WeakMap<Platform, BenefitsModule>();

/** The platform's one benefits module (its event handlers must be subscribed once per process). */
export function benefitsOf(p: Platform): BenefitsModule {
  let m = modules.get(p);
  if (!m) modules.set(p, (m = new BenefitsModule(p)));
  return m;
}
