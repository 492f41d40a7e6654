/**
 * The device gateways: JT/T 808 and watch-protocol TCP servers in front of the tracking sink, and
 * the OsmAnd HTTP route (registered on the API's Fastify instance, see osmand.routes.ts).
 */
import type { Logger } from 'pino';
import type { IngestSink } from '../ingest.port.js';
import { startJt808Gateway } from './jt808.server.js';
import { GatewayCounters, type GatewayStats } from './stats.js';
import type { TcpGateway } from './tcp.js';
import { startWatchGateway } from './watch.server.js';

export { GatewayCounters } from './stats.js';
export type { GatewayStats, ProtocolStats } from './stats.js';
export { osmandRoutes } from './osmand.routes.js';

export interface GatewayOptions {
  host: string;
  /** 0 = off (JINGLIN_JT808_PORT semantics); tests pick a free port with `listenOnFreePort`. */
  jt808Port: number;
  /** 0 = off (JINGLIN_WATCH_PORT semantics). */
  watchPort: number;
  sink: IngestSink;
  log: Logger;
  /** Shared with the OsmAnd route so one `stats()` covers all three protocols. */
  counters?: GatewayCounters;
  maxConnections?: number;
  idleTimeoutMs?: number;
  /**
   * Tests only: start a server whose port is 0 on a free port instead of leaving it off. Settings
   * never do this (0 means off there).
   */
  listenOnFreePort?: boolean;
}

export interface Gateways {
  /** The bound ports; null when that gateway is off. */
  ports: { jt808: number | null; watch: number | null };
  stats(): GatewayStats;
  close(): Promise<void>;
}

export async function startGateways(opts: GatewayOptions): Promise<Gateways> {
  const counters = opts.counters ?? new GatewayCounters();
  const common = {
    host: opts.host,
    sink: opts.sink,
    log: opts.log,
    counters,
    maxConnections: opts.maxConnections,
    idleTimeoutMs: opts.idleTimeoutMs,
  };
  const on = (port: number) => port > 0 || opts.listenOnFreePort === true;
  const started: TcpGateway[] = [];
  try {
    const jt808 = on(opts.jt808Port) ? await startJt808Gateway({ ...common, port: opts.jt808Port }) : null;
    if (jt808) started.push(jt808);
    const watch = on(opts.watchPort) ? await startWatchGateway({ ...common, port: opts.watchPort }) : null;
    if (watch) started.push(watch);
    return {
      ports: { jt808: jt808?.port ?? null, watch: watch?.port ?? null },
      stats: () => counters.snapshot(),
      close: async () => {
        await Promise.all(started.map((g) => g.close()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((g) => g.close()));
    throw err;
  }
}

const countersByPlatform = new WeakMap<object, GatewayCounters>();

/** One set of counters per platform, shared by the TCP gateways and the OsmAnd route. */
export function gatewayCountersOf(platform: object): GatewayCounters {
  let c = countersByPlatform.get(platform);
  if (!c) countersByPlatform.set(platform, (c = new GatewayCounters()));
  return c;
}
