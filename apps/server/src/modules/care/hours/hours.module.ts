/** Service hours, corrections and proofs (issue 6 item 7): the services and their routes. */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import { HoursService } from './hours.service.js';
import { HourCorrections } from './hours.corrections.js';
import { HourProofs } from './hours.proofs.js';
import { hoursRoutes } from './hours.routes.js';

export class HoursModule {
  readonly hours: HoursService;
  readonly corrections: HourCorrections;
  readonly proofs: HourProofs;

  constructor(readonly p: Platform) {
    this.hours = new HoursService(p);
    this.corrections = new HourCorrections(p);
    this.proofs = new HourProofs(p);
  }

  routes(app: FastifyInstance): void {
    hoursRoutes(app, this);
  }
}
