/**
 * `npm run bench -- ingest --devices N --seconds S`: JT/T 808 (and watch) ingest end to end.
 *
 * The full path: the TCP gateways on 127.0.0.1 (free ports) in front of the real tracking sink
 * (`trackingOf(p).sink`: store, jitter filter, zones, alerts) on a fresh database; N simulated
 * devices (JT/T 808 2013/2019 mixed plus a 20 % share of watches, all registered as unbound
 * devices so their positions are stored and their alerts raised) in a child process report
 * `--rate` positions per device per second for S seconds. `positions_per_s` is the positions the
 * sink acknowledged divided by the time from its first to its last acknowledgement.
 * `alert_p99_ms` is the p99 from writing a frame that carries SOS to receiving its reply, which the
 * gateway sends only after the sink resolved (stored and evaluated it, alert raised).
 * The floor: the decoders alone (framing, decode, reply rule) over the very bytes the devices sent,
 * in the same run.
 *
 * File descriptors: `--per-connection` devices share one TCP connection (default 10: 10,000
 * devices on 1,000 sockets per side), because one process per side at one socket per device would
 * need 10,000+ descriptors each. `--sink noop` measures the gateway with a sink that stores nothing:
 * a labelled dry run (`sink: "noop (dry run)"`), the gateway's own ceiling.
 */
import { fork } from 'node:child_process';
import type { Bench } from './run.js';
import { benchDatabase } from './db.js';
import type { ClientJob, ClientResult } from './ingest.client.js';
import { createPlatform, type Platform } from '../apps/server/src/platform/platform.js';
import { createLogger } from '../apps/server/src/platform/logger.js';
import { systemActor } from '../apps/server/src/platform/access/actor.js';
import type { IngestSink, KnownDevice } from '../apps/server/src/modules/tracking/ingest.port.js';
import { startGateways } from '../apps/server/src/modules/tracking/gateway/index.js';
import { simulatedDevices, type SimDevice } from '../apps/server/src/modules/tracking/simulator/index.js';
import { trackingOf, type TrackingModule } from '../apps/server/src/modules/tracking/tracking.module.js';

export const options = {
  devices: { default: '10000' },
  seconds: { default: '20' },
  /** Positions per device per second. */
  rate: { default: '1' },
  'per-connection': { default: '10' },
  'watch-share': { default: '0.2' },
  /** `tracking` (the real sink) or `noop` (dry run). */
  sink: { default: 'tracking' },
};

const log = (line: string) => process.stderr.write(`[ingest] ${line}\n`);

/** Stores nothing: every listed device is known, every code accepted. */
export function noopSink(devs: SimDevice[]): IngestSink {
  const known = new Map<string, KnownDevice>(
    devs.map((d) => [d.uniqueId, { id: d.uniqueId, uniqueId: d.uniqueId, protocol: d.protocol }]),
  );
  return {
    findDevice: async (uniqueId) => known.get(uniqueId),
    registerTerminal: async (uniqueId) =>
      known.has(uniqueId) ? { ok: true, authCode: 'noop' } : { ok: false, result: 4 },
    checkAuthCode: async () => true,
    ingest: async () => undefined,
    seen: async () => undefined,
  };
}

/** The real sink with every simulated device registered (unbound: positions stored, alerts raised). */
async function trackingSink(p: Platform, devs: SimDevice[]): Promise<TrackingModule> {
  const m = trackingOf(p);
  const t0 = performance.now();
  const actor = systemActor();
  for (const d of devs)
    await m.service.createDevice(actor, { uniqueId: d.uniqueId, protocol: d.protocol, model: 'simulator' });
  log(`${devs.length} devices registered in ${Math.round(performance.now() - t0)} ms`);
  return m;
}

/** Counts what the sink acknowledged and when (the gateway's own counters are read on its busy loop). */
function timed(inner: IngestSink) {
  const t = { first: 0, last: 0, positions: 0 };
  const sink: IngestSink = {
    findDevice: (u, p) => inner.findDevice(u, p),
    registerTerminal: (u) => inner.registerTerminal(u),
    checkAuthCode: (u, c) => inner.checkAuthCode(u, c),
    seen: (d, at) => inner.seen(d, at),
    ingest: async (d, positions, at) => {
      await inner.ingest(d, positions, at);
      const now = performance.now();
      if (t.positions === 0) t.first = now;
      t.last = now;
      t.positions += positions.length;
    },
  };
  return { sink, t };
}

function runClient(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./ingest.client.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as ClientResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`client exited ${code}`)));
    child.send(job);
  });
}

const ingest: Bench = async (target, o) => {
  const devices = Number(o.devices);
  const seconds = Number(o.seconds);
  const watchShare = Number(o['watch-share']);
  const devs = simulatedDevices(devices, watchShare);
  const bdb = await benchDatabase(target, 'ingest');
  const p = createPlatform(bdb.config, bdb.database, createLogger('silent'));
  try {
    const real = o.sink === 'noop' ? null : await trackingSink(p, devs);
    const { sink, t } = timed(real?.sink ?? noopSink(devs));
    const gw = await startGateways({
      host: '127.0.0.1',
      jt808Port: 0,
      watchPort: 0,
      listenOnFreePort: true,
      sink,
      log: createLogger('warn'),
      maxConnections: 20_000,
    });
    let result: ClientResult;
    const cpu0 = process.cpuUsage();
    try {
      result = await runClient({
        host: '127.0.0.1',
        jt808Port: gw.ports.jt808!,
        watchPort: gw.ports.watch!,
        devices,
        rate: Number(o.rate),
        seconds,
        watchShare,
        devicesPerConnection: Number(o['per-connection']),
      });
    } finally {
      await gw.close();
      await real?.ingest.drain();
    }
    const cpu = process.cpuUsage(cpu0);
    const stats = gw.stats();
    const spanMs = t.last - t.first;
    const perS = spanMs > 0 ? Math.round((t.positions / spanMs) * 1000) : 0;
    const { summary, floor } = result;
    log(
      `client: ${JSON.stringify({ ...summary, replyLatencyMs: summary.replyLatencyMs, sosReplyLatencyMs: summary.sosReplyLatencyMs })}`,
    );
    log(`gateway: ${JSON.stringify({ jt808: stats.jt808, watch: stats.watch })}`);
    log(`floor: ${floor.positions} positions decoded in ${Math.round(floor.ms)} ms`);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    log(
      `server process CPU while devices ran: ${Math.round(cpuMs)} ms (${Math.round((cpuMs * 1000) / Math.max(1, t.positions))} µs per position stored)`,
    );
    return {
      devices,
      positions_per_s: perS,
      floor_positions_per_s: floor.positionsPerS,
      alert_p99_ms: summary.sosReplyLatencyMs.p99,
      sink: real ? 'tracking' : 'noop (dry run)',
      offered_per_s: Math.round(devices * Number(o.rate)),
      seconds,
      connections: summary.connections,
      positions_sent: summary.positionsSent,
      positions_stored: stats.jt808.positions + stats.watch.positions,
      unanswered: summary.unanswered,
      sos_frames: summary.sosReplyLatencyMs.count,
    };
  } finally {
    await bdb.close();
  }
};

export default ingest;
