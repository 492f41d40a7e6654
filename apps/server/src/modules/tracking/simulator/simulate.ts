/**
 * The device simulator: N devices (JT/T 808, 2013 and 2019 editions mixed, and a share of watches)
 * connect over TCP to the given host only, register and authenticate (JT/T 808) or say `LK`
 * (watches), then each reports positions at `rate` per second (per device) while trainees walk
 * around the centre, sometimes wander out of the zone or press SOS. Every reply is read and
 * checked; after `seconds` it stops, waits briefly for outstanding replies, and returns a summary.
 */
import net from 'node:net';
import { MSG } from '../protocols/jt808/index.js';
import { frames, simulatedDevices, type SimDevice } from './devices.js';
import { PlatformReplyReader, WatchReplyReader, type PlatformReply, type WatchReply } from './replies.js';
import { TraineeWalk, seeded, type WalkOptions } from './walk.js';

export interface SimulateOptions {
  /** The only host connected to. */
  host: string;
  /** 0 = no JT/T 808 devices (they become watches). */
  jt808Port: number;
  /** 0 = no watches (they become JT/T 808 devices). */
  watchPort: number;
  devices: number;
  /** Positions per device per second (0.1 = one every 10 s). */
  rate: number;
  seconds: number;
  /** Share of devices that are watches (default 0.2). */
  watchShare?: number;
  /** Devices sharing one TCP connection (default 1; more saves file descriptors in load tests). */
  devicesPerConnection?: number;
  /** Index of the first device id (several simulators side by side). */
  firstIndex?: number;
  seed?: number;
  walk?: WalkOptions;
  /** After `seconds`, how long to wait for outstanding replies (default 2 s). */
  drainMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Sees every position-carrying write (benchmarks replay them through the decoder alone). */
  capture?: (protocol: 'jt808' | 'watch', bytes: Buffer) => void;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p99: number | null;
}

export interface SimulateSummary {
  devices: { jt808: number; watch: number };
  connections: number;
  connectFailures: number;
  seconds: number;
  positionsSent: number;
  positionsPerS: number;
  /** Positions not sent on time because the connection's send buffer was full. */
  positionsBehind: number;
  sos: number;
  leftZone: number;
  replies: number;
  /** Replies owed (JT/T 808: every frame; watches: LK and AL) that never came. */
  unanswered: number;
  registerRefused: number;
  authFailed: number;
  /** 0x8001 answers with a result other than 0 to locations. */
  failedResults: number;
  /** Frames from the platform that could not be read. */
  badReplies: number;
  /** Write to the reply of a position frame, ms. */
  replyLatencyMs: LatencySummary;
  /** The same for frames carrying SOS (the gateway answers after the sink stored and evaluated it). */
  sosReplyLatencyMs: LatencySummary;
  /** The same for SOS frames sent after the first 5 s (connections and handshakes done): a diagnostic. */
  sosReplyLatencyWarmMs: LatencySummary;
}

interface Outstanding {
  sentAt: number;
  kind: 'register' | 'auth' | 'position' | 'lk' | 'al';
  sos: boolean;
}

interface DeviceState {
  dev: SimDevice;
  walk: TraineeWalk;
  serial: number;
  ready: boolean;
  /** Registration refused: it reports anyway, and its positions are refused (0x8001 result 1) as expected. */
  refused: boolean;
  nextAt: number;
  reports: number;
  /** JT/T 808 by serial. */
  waiting: Map<number, Outstanding>;
  /** Watches: in order, per reply type. */
  lk: Outstanding[];
  al: Outstanding[];
}

export function percentiles(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: null, p99: null };
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 10) / 10;
  return { count: s.length, p50: at(0.5), p99: at(0.99) };
}

export async function simulate(o: SimulateOptions): Promise<SimulateSummary> {
  if (o.jt808Port <= 0 && o.watchPort <= 0) throw new RangeError('no port to connect to');
  const share = o.jt808Port <= 0 ? 1 : o.watchPort <= 0 ? 0 : (o.watchShare ?? 0.2);
  const all = simulatedDevices(o.devices, share, o.firstIndex ?? 0);
  const perConn = Math.max(1, Math.floor(o.devicesPerConnection ?? 1));
  const interval = 1000 / o.rate;
  const rand = seeded(o.seed ?? 808);
  const log = o.log ?? (() => undefined);
  const t0 = performance.now();
  const stopAt = t0 + o.seconds * 1000;

  const s = {
    positionsSent: 0,
    positionsBehind: 0,
    sos: 0,
    leftZone: 0,
    replies: 0,
    registerRefused: 0,
    authFailed: 0,
    failedResults: 0,
    connectFailures: 0,
  };
  const latency: number[] = [];
  const sosLatency: number[] = [];
  const sosLatencyWarm: number[] = [];

  const state = (dev: SimDevice): DeviceState => ({
    dev,
    walk: new TraineeWalk(seeded(Math.floor(rand() * 2 ** 32)), o.walk),
    serial: 0,
    ready: false,
    refused: false,
    nextAt: 0,
    reports: 0,
    waiting: new Map(),
    lk: [],
    al: [],
  });

  // Group devices by protocol into connections.
  const groups: { protocol: 'jt808' | 'watch'; devs: DeviceState[] }[] = [];
  for (const protocol of ['jt808', 'watch'] as const) {
    const devs = all.filter((d) => d.protocol === protocol).map(state);
    for (let i = 0; i < devs.length; i += perConn)
      groups.push({ protocol, devs: devs.slice(i, i + perConn) });
  }

  const answered = (w: Outstanding, now: number) => {
    s.replies++;
    if (w.kind !== 'position' && w.kind !== 'al') return;
    latency.push(now - w.sentAt);
    if (w.sos) sosLatency.push(now - w.sentAt);
    if (w.sos && w.sentAt >= t0 + 5000) sosLatencyWarm.push(now - w.sentAt);
  };

  const conns: { socket: net.Socket; protocol: 'jt808' | 'watch'; devs: DeviceState[] }[] = [];
  const byId = new Map<string, DeviceState>();
  const badReaders: { bad: number }[] = [];

  function onJt808Reply(c: net.Socket, r: PlatformReply) {
    const now = performance.now();
    const d = byId.get(r.uniqueId);
    const w = d?.waiting.get(r.replySerial);
    if (!d || !w) return;
    d.waiting.delete(r.replySerial);
    answered(w, now);
    if (r.msgId === MSG.registerResponse) {
      if (r.result === 0 && r.authCode !== null) {
        const serial = d.serial++ & 0xffff;
        d.waiting.set(serial, { sentAt: now, kind: 'auth', sos: false });
        c.write(frames.authenticate(d.dev, serial, r.authCode));
      } else {
        s.registerRefused++;
        d.ready = true; // reports anyway: answered (result 1, not authenticated), not stored
        d.refused = true;
      }
    } else if (r.replyId === MSG.authenticate) {
      if (r.result !== 0) s.authFailed++;
      d.ready = true;
    } else if (r.result !== 0 && !d.refused) {
      s.failedResults++;
    }
  }

  function onWatchReply(r: WatchReply) {
    const d = byId.get(r.deviceId);
    const q = r.type === 'LK' ? d?.lk : r.type === 'AL' ? d?.al : undefined;
    const w = q?.shift();
    if (w) answered(w, performance.now());
  }

  async function connect(g: (typeof groups)[number]) {
    const port = g.protocol === 'jt808' ? o.jt808Port : o.watchPort;
    const socket = net.connect({ host: o.host, port, noDelay: true });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    } catch {
      s.connectFailures++;
      socket.destroy();
      return;
    }
    socket.on('error', () => undefined);
    const conn = { socket, protocol: g.protocol, devs: g.devs };
    conns.push(conn);
    const now = performance.now();
    const start: Buffer[] = [];
    for (const d of g.devs) {
      byId.set(d.dev.uniqueId, d);
      d.nextAt = now + rand() * interval;
      if (g.protocol === 'jt808') {
        const serial = d.serial++;
        d.waiting.set(serial, { sentAt: now, kind: 'register', sos: false });
        start.push(frames.register(d.dev, serial));
      } else {
        d.lk.push({ sentAt: now, kind: 'lk', sos: false });
        start.push(frames.keepAlive(d.dev, 90));
        d.ready = true;
      }
    }
    if (g.protocol === 'jt808') {
      const reader = new PlatformReplyReader();
      badReaders.push(reader);
      socket.on('data', (chunk: Buffer) => {
        for (const r of reader.push(chunk)) onJt808Reply(socket, r);
      });
    } else {
      const reader = new WatchReplyReader();
      badReaders.push(reader);
      socket.on('data', (chunk: Buffer) => {
        for (const r of reader.push(chunk)) onWatchReply(r);
      });
    }
    socket.write(Buffer.concat(start));
  }

  // Connect, at most 200 handshakes at a time.
  const queue = [...groups];
  await Promise.all(
    Array.from({ length: Math.min(200, queue.length) }, async () => {
      for (let g = queue.shift(); g && performance.now() < stopAt; g = queue.shift()) await connect(g);
    }),
  );
  log(`${conns.length} connections open after ${Math.round(performance.now() - t0)} ms`);

  function tick() {
    const now = performance.now();
    const at = new Date();
    for (const c of conns) {
      if (c.socket.destroyed) continue;
      const full = c.socket.writableNeedDrain;
      const out: Buffer[] = [];
      for (const d of c.devs) {
        if (!d.ready) continue;
        while (d.nextAt <= now) {
          d.nextAt += interval;
          if (full) {
            s.positionsBehind++;
            continue;
          }
          const step = d.walk.step(interval / 1000);
          if (step.sos) s.sos++;
          if (step.leftZone) s.leftZone++;
          d.reports++;
          s.positionsSent++;
          if (c.protocol === 'jt808') {
            const serial = d.serial++ & 0xffff;
            d.serial &= 0xffff;
            d.waiting.set(serial, { sentAt: now, kind: 'position', sos: step.sos });
            out.push(frames.location(d.dev, serial, step, at));
          } else {
            if (step.sos) d.al.push({ sentAt: now, kind: 'al', sos: true });
            out.push(frames.watchPosition(d.dev, step, at));
            if (d.reports % 30 === 0) {
              d.lk.push({ sentAt: now, kind: 'lk', sos: false });
              out.push(frames.keepAlive(d.dev, step.batteryPercent));
            }
          }
        }
      }
      if (out.length === 0) continue;
      const bytes = out.length === 1 ? out[0]! : Buffer.concat(out);
      o.capture?.(c.protocol, bytes);
      c.socket.write(bytes);
    }
  }

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() >= stopAt) {
        clearInterval(timer);
        resolve();
      } else tick();
    }, 20);
  });
  const sendingMs = performance.now() - t0;
  const owed = () => {
    let n = 0;
    for (const d of byId.values()) n += d.waiting.size + d.lk.length + d.al.length;
    return n;
  };
  const drainUntil = performance.now() + (o.drainMs ?? 2000);
  while (owed() > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  for (const c of conns) c.socket.destroy();

  const devices = { jt808: 0, watch: 0 };
  for (const d of all) devices[d.protocol]++;
  return {
    devices,
    connections: conns.length,
    connectFailures: s.connectFailures,
    seconds: Math.round(sendingMs) / 1000,
    positionsSent: s.positionsSent,
    positionsPerS: Math.round((s.positionsSent / sendingMs) * 1000),
    positionsBehind: s.positionsBehind,
    sos: s.sos,
    leftZone: s.leftZone,
    replies: s.replies,
    unanswered: owed(),
    registerRefused: s.registerRefused,
    authFailed: s.authFailed,
    failedResults: s.failedResults,
    badReplies: badReaders.reduce((n, r) => n + r.bad, 0),
    replyLatencyMs: percentiles(latency),
    sosReplyLatencyMs: percentiles(sosLatency),
    sosReplyLatencyWarmMs: percentiles(sosLatencyWarm),
  };
}
