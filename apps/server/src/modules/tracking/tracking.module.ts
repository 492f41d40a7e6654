/**
 * The tracking module: the ingest sink the gateways call (`trackingOf(p).sink`), the
 * administrative service, the read side, the worker's jobs and the routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { IngestSink } from './ingest.port.js';
import { TrackingIngest } from './tracking.ingest.js';
import { TrackingService } from './tracking.service.js';
import { TrackingQueries } from './tracking.queries.js';
import { TrackingJobs } from './tracking.jobs.js';
import { trackingRoutes } from './tracking.routes.js';

export class TrackingModule {
  readonly ingest: TrackingIngest;
  readonly service: TrackingService;
  readonly queries: TrackingQueries;
  readonly jobs: TrackingJobs;

  constructor(readonly p: Platform) {
    this.ingest = new TrackingIngest(p);
    this.service = new TrackingService(p, this.ingest);
    this.queries = new TrackingQueries(p);
    this.jobs = new TrackingJobs(p, this.ingest);
  }

  /** What the gateways are handed. */
  get sink(): IngestSink {
    return this.ingest;
  }

  routes(app: FastifyInstance): void {
    trackingRoutes(app, this);
  }
}

const modules = new WeakMap<Platform, TrackingModule>();

export function trackingOf(p: Platform): TrackingModule {
  let m = modules.get(p);
  if (!m) modules.set(p, (m = new TrackingModule(p)));
  return m;
}
