/**
 * The device side of `bench ingest`, in its own process (own event loop, own file descriptors):
 * started by ingest.ts with fork(), it runs the simulator against the gateway on 127.0.0.1, keeps
 * every position-carrying write, then replays those very bytes through the decoders alone (framing,
 * decode, reply rule; no I/O, no sink): the floor. Answers one IPC message.
 */
import { Jt808Reader, respond } from '../apps/server/src/modules/tracking/protocols/jt808/index.js';
import {
  WatchFrameSplitter,
  decodeWatch,
} from '../apps/server/src/modules/tracking/protocols/watch/index.js';
import {
  simulate,
  type SimulateOptions,
  type SimulateSummary,
} from '../apps/server/src/modules/tracking/simulator/index.js';

export type ClientJob = Omit<SimulateOptions, 'log' | 'capture'>;
export interface ClientResult {
  summary: SimulateSummary;
  floor: { positions: number; ms: number; positionsPerS: number };
}

/** The decoders alone over the captured writes. */
export function decodeFloor(captured: { protocol: 'jt808' | 'watch'; bytes: Buffer }[]) {
  const t0 = performance.now();
  const reader = new Jt808Reader();
  const splitter = new WatchFrameSplitter();
  let positions = 0;
  let serial = 0;
  const ctx = { serial: 0, authCode: () => 'x' };
  for (const c of captured) {
    if (c.protocol === 'jt808') {
      for (const r of reader.push(c.bytes, 0)) {
        ctx.serial = serial;
        const step = respond(r, ctx);
        serial = step.nextSerial;
        positions += step.positions.length;
      }
    } else {
      for (const item of splitter.push(c.bytes)) {
        if (!item.ok) continue;
        const d = decodeWatch(item.frame);
        if (d.ok && d.message.kind === 'position') positions++;
      }
    }
  }
  const ms = performance.now() - t0;
  return { positions, ms, positionsPerS: Math.round((positions / ms) * 1000) };
}

process.once('message', (job: ClientJob) => {
  void (async () => {
    const captured: { protocol: 'jt808' | 'watch'; bytes: Buffer }[] = [];
    const summary = await simulate({
      ...job,
      log: (line) => process.stderr.write(`[ingest/client] ${line}\n`),
      capture: (protocol, bytes) => captured.push({ protocol, bytes }),
    });
    // Best of three: the floor is what the decoder can do, not what a GC pause made of it.
    const runs = [decodeFloor(captured), decodeFloor(captured), decodeFloor(captured)];
    const floor = runs.reduce((a, b) => (b.positionsPerS > a.positionsPerS ? b : a));
    const result: ClientResult = { summary, floor };
    process.send!(result, () => process.exit(0));
  })();
});
