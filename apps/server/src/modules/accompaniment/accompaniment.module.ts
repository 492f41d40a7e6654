/** Hospital accompaniment (issue 7, S6 静安有爱 就医无碍): hospitals, sessions, bookings, assignment, the visit. */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { AccompanimentAdmin } from './accompaniment.admin.js';
import { AccompanimentBookings } from './accompaniment.bookings.js';
import { AccompanimentOffers } from './accompaniment.offers.js';
import { AccompanimentVisit } from './accompaniment.visit.js';
import { AccompanimentJobs } from './accompaniment.jobs.js';
import { accompanimentRoutes } from './accompaniment.routes.js';
import { accompanimentVisitRoutes } from './accompaniment.visit.routes.js';

export class AccompanimentModule {
  readonly admin: AccompanimentAdmin;
  readonly bookings: AccompanimentBookings;
  readonly offers: AccompanimentOffers;
  readonly visit: AccompanimentVisit;
  readonly jobs: AccompanimentJobs;

  constructor(readonly p: Platform) {
    this.admin = new AccompanimentAdmin(p);
    this.bookings = new AccompanimentBookings(p, this.admin);
    this.offers = new AccompanimentOffers(p, this.bookings);
    this.visit = new AccompanimentVisit(p);
    this.jobs = new AccompanimentJobs(p, this.admin, this.offers);
  }

  routes(app: FastifyInstance): void {
    accompanimentRoutes(app, this);
    accompanimentVisitRoutes(app, this);
  }
}

const modules = new WeakMap<Platform, AccompanimentModule>();

export function accompanimentOf(p: Platform): AccompanimentModule {
  let m = modules.get(p);
  if (!m) modules.set(p, (m = new AccompanimentModule(p)));
  return m;
}
