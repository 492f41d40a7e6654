/**
 * The watch-protocol TCP gateway (`[MF*ID*LEN*CONTENT]`): per connection a WatchFrameSplitter;
 * every frame decoded, `LK` answered at once (a watch not answered reboots), positions of known
 * devices stored, `AL` answered after its position is stored (unanswered, the watch repeats the
 * alarm — what we want when storing failed). Unknown devices are answered and not stored.
 * Malformed input is logged (connection id, code, raw hex with the watch id and long digit runs
 * masked — see redact.ts) and counted; the connection carries on.
 */
import type { Logger } from 'pino';
import type { IngestSink } from '../ingest.port.js';
import { WatchFrameSplitter, decodeWatch, type WatchSplitItem } from '../protocols/watch/index.js';
import { DeviceLookup } from './devices.js';
import { deviceRef, redactWatchText } from './redact.js';
import type { GatewayCounters } from './stats.js';
import { startTcpGateway, type Connection, type TcpGateway } from './tcp.js';

export interface WatchGatewayOptions {
  host: string;
  port: number;
  sink: IngestSink;
  log: Logger;
  counters: GatewayCounters;
  maxConnections?: number;
  idleTimeoutMs?: number;
  /** The watches' clock offset from UTC in minutes (default 0: UTC). */
  utcOffsetMinutes?: number;
}

export function startWatchGateway(o: WatchGatewayOptions): Promise<TcpGateway> {
  return startTcpGateway({
    protocol: 'watch',
    host: o.host,
    port: o.port,
    log: o.log,
    counters: o.counters,
    maxConnections: o.maxConnections,
    idleTimeoutMs: o.idleTimeoutMs,
    handler: (conn) => watchConnection(conn, o.sink, o.counters, o.utcOffsetMinutes ?? 0),
  });
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

export function watchConnection(
  conn: Connection,
  sink: IngestSink,
  counters: GatewayCounters,
  utcOffsetMinutes: number,
) {
  const stats = counters.watch;
  const splitter = new WatchFrameSplitter();
  const devices = new DeviceLookup(sink, 'watch', stats, conn);

  function malformed(code: string, raw: string, uniqueId: string | null) {
    counters.malformed('watch', code);
    conn.log.warn(
      {
        code,
        ...deviceRef(uniqueId, uniqueId ? devices.cachedId(uniqueId) : null),
        rawHex: hex(redactWatchText(raw)),
      },
      'malformed watch input',
    );
  }

  /** The reply owed for one item; a store is only started (see jt808.server.ts). */
  async function handle(item: WatchSplitItem): Promise<{ later: Promise<string | null> }> {
    const now = (text: string | null) => ({ later: Promise.resolve(text) });
    if (!item.ok) {
      malformed(item.code, item.raw, null);
      return now(null);
    }
    const r = decodeWatch(item.frame, { utcOffsetMinutes });
    if (!r.ok) {
      malformed(r.error.code, r.error.raw, r.frame?.deviceId ?? null);
      // The reply is owed even when the content is unreadable (the header was).
      if (r.frame) await devices.find(r.frame.deviceId);
      return now(r.reply);
    }
    stats.frames++;
    const device = await devices.find(r.frame.deviceId);
    if (r.message.kind !== 'position' || !device) return now(r.reply);
    const stored = devices.ingest(device, [r.message.position]);
    return { later: stored.then((ok) => (ok ? r.reply : null)) };
  }

  return {
    async data(chunk: Buffer) {
      const replies: Promise<string | null>[] = [];
      for (const item of splitter.push(chunk)) replies.push((await handle(item)).later);
      const out: string[] = [];
      for (const reply of replies) {
        const text = await reply;
        if (text) out.push(text);
      }
      conn.writeAll(out);
    },
    end() {
      const rest = splitter.end();
      if (rest) malformed(rest.code, rest.raw, null);
    },
  };
}
