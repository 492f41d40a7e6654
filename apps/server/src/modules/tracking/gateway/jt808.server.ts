/**
 * The JT/T 808 TCP gateway (2013 and 2019 editions): per connection a Jt808Reader; every result
 * answered as `respond()` says — 0x0100 → 0x8100 with the sink's auth code or refusal, 0x0102 →
 * 0x8001 (result 1 when the sink rejects the code), locations and batches stored first, then
 * 0x8001. Frames from unknown devices are answered and not stored. A terminal must authenticate
 * (0x0102) on the connection before its positions are stored: until then a location, a batch or
 * a part of one is answered 0x8001 result 1 (failure: the terminal keeps the data and sends it
 * again once authenticated) and counted (`unauthenticatedFrames`). Malformed frames are logged
 * (connection id, code, raw hex with the terminal phone masked — see redact.ts), counted, and
 * answered 0x8001 result 2/3 when the header is readable; the connection carries on.
 */
import type { Logger } from 'pino';
import type { IngestSink, KnownDevice } from '../ingest.port.js';
import {
  Jt808Reader,
  encodePlatformResponse,
  respond,
  MSG,
  type Jt808Header,
  type Jt808Message,
  type Jt808RegisterDecision,
  type Jt808Result,
} from '../protocols/jt808/index.js';
import { DeviceLookup } from './devices.js';
import { deviceRef, redactJt808Hex, safeError } from './redact.js';
import type { GatewayCounters } from './stats.js';
import { startTcpGateway, type Connection, type TcpGateway } from './tcp.js';

export interface Jt808GatewayOptions {
  host: string;
  port: number;
  sink: IngestSink;
  log: Logger;
  counters: GatewayCounters;
  maxConnections?: number;
  idleTimeoutMs?: number;
}

export function startJt808Gateway(o: Jt808GatewayOptions): Promise<TcpGateway> {
  return startTcpGateway({
    protocol: 'jt808',
    host: o.host,
    port: o.port,
    log: o.log,
    counters: o.counters,
    maxConnections: o.maxConnections,
    idleTimeoutMs: o.idleTimeoutMs,
    handler: (conn) => jt808Connection(conn, o.sink, o.counters),
  });
}

/** What the sink says before `respond()` builds the reply (respond's callbacks are synchronous). */
interface Decided {
  register: Jt808RegisterDecision | null;
  authOk: boolean;
  device: KnownDevice | undefined;
}

export function jt808Connection(conn: Connection, sink: IngestSink, counters: GatewayCounters) {
  const stats = counters.jt808;
  const reader = new Jt808Reader();
  const devices = new DeviceLookup(sink, 'jt808', stats, conn);
  /** Terminals (uniqueIds) that authenticated on this connection. */
  const authenticated = new Set<string>();
  let serial = 0;

  function malformed(code: string, rawHex: string, header: Jt808Header | null) {
    counters.malformed('jt808', code);
    const uniqueId = header?.uniqueId ?? null;
    // The hex starts at the header unless it is a body (batch items, reassembled messages).
    const frame = !header || rawHex.startsWith(header.msgId.toString(16).padStart(4, '0'));
    conn.log.warn(
      {
        code,
        msgId: header?.msgId ?? null,
        serial: header?.serial ?? null,
        ...deviceRef(uniqueId, uniqueId ? devices.cachedId(uniqueId) : null),
        rawHex: redactJt808Hex(rawHex, { frame, phone: header?.phone ?? null }),
      },
      'malformed JT/T 808 input',
    );
  }

  /** Positions from a terminal that has not authenticated on this connection are not stored. */
  function carriesPositions(msg: Jt808Message): boolean {
    if (msg.type === 'location' || msg.type === 'batch') return true;
    return msg.type === 'fragment' && (msg.header.msgId === MSG.location || msg.header.msgId === MSG.batch);
  }

  async function decide(msg: Jt808Message): Promise<Decided | null> {
    const id = msg.header.uniqueId;
    const d: Decided = { register: null, authOk: true, device: undefined };
    try {
      if (msg.type === 'register') {
        const r = await sink.registerTerminal(id);
        d.register = r.ok ? r.authCode : { result: r.result };
        return d;
      }
      if (msg.type === 'fragment') return d;
      if (msg.type === 'authenticate') d.authOk = await sink.checkAuthCode(id, msg.code);
    } catch (err) {
      stats.ingestErrors++;
      conn.log.error(
        { err: safeError(err), ...deviceRef(id, devices.cachedId(id)), msgId: msg.header.msgId },
        'sink failed: frame not answered',
      );
      return null;
    }
    d.device = await devices.find(id);
    return d;
  }

  /**
   * Decides the reply for one result. Sink decisions are awaited here (in order, they set the
   * platform serial); a store is only started: its reply comes back as `later`, so the frames of
   * one chunk are stored together and answered in order once stored.
   */
  async function handle(result: Jt808Result): Promise<{ later: Promise<Uint8Array | undefined> }> {
    const now = (frame: Uint8Array | undefined) => ({ later: Promise.resolve(frame) });
    if (!result.ok) {
      const { code, header, rawHex } = result.error;
      malformed(code, rawHex, header);
      const step = respond(result, { serial, authCode: () => ({ result: 4 }) });
      serial = step.nextSerial;
      return now(step.reply?.frame);
    }
    stats.frames++;
    const msg = result.message;
    if (msg.type === 'batch') {
      for (const e of msg.rejected) malformed(`batch_${e.code}`, e.rawHex, msg.header);
    }
    if (carriesPositions(msg) && !authenticated.has(msg.header.uniqueId)) {
      // A reassembled message's parts were answered (and counted) already, each with this failure.
      if (msg.type !== 'fragment' && msg.header.subPackage) return now(undefined);
      stats.unauthenticatedFrames++;
      const frame = encodePlatformResponse(msg.header, serial, 1);
      serial = (serial + 1) & 0xffff;
      return now(frame);
    }
    const d = await decide(msg);
    if (!d) return now(undefined);
    if (msg.type === 'authenticate') {
      if (d.authOk) authenticated.add(msg.header.uniqueId);
      else authenticated.delete(msg.header.uniqueId);
    }
    const used = serial;
    const step = respond(result, {
      serial,
      authCode: () => d.register ?? { result: 4 },
      checkAuth: () => d.authOk,
    });
    serial = step.nextSerial;
    const frame = step.reply?.frame;
    if (step.positions.length === 0 || !d.device) return now(frame);
    const stored = devices.ingest(d.device, step.positions);
    return {
      later: stored.then((ok) =>
        // The terminal keeps (and resends) what the platform did not confirm.
        !ok && step.reply?.msgId === MSG.platformResponse
          ? encodePlatformResponse(msg.header, used, 1)
          : frame,
      ),
    };
  }

  return {
    async data(chunk: Buffer) {
      const replies: Promise<Uint8Array | undefined>[] = [];
      for (const r of reader.push(chunk, Date.now())) replies.push((await handle(r)).later);
      // In order, in one write (a write per reply cost more than the decoding).
      const out: Uint8Array[] = [];
      for (const reply of replies) {
        const frame = await reply;
        if (frame) out.push(frame);
      }
      conn.writeAll(out);
    },
    end() {
      if (reader.junkBytes > 0) counters.malformed('jt808', 'junk');
    },
  };
}
