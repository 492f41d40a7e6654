/**
 * JT/T 808 message decoders: a frame (or a reassembled packet) → a typed message or a typed error.
 * Never throws to the caller.
 */
import { ByteReader, Jt808ReadError, gbkTrimNul, gbkTrimPadding, toHex } from './jt808.bytes.js';
import { jt808Error, parsePacket, stripFlags } from './jt808.header.js';
import { DEFAULT_BATTERY_ITEMS, readLocation } from './jt808.location.js';
import {
  MSG,
  type Jt808DecodeOptions,
  type Jt808Error,
  type Jt808Header,
  type Jt808Message,
  type Jt808Packet,
  type Jt808Result,
} from './jt808.types.js';

type Ctx = { header: Jt808Header; body: Uint8Array; batteryItems: readonly number[] };

function terminalResponse({ header, body }: Ctx): Jt808Message {
  const r = new ByteReader(body);
  return {
    type: 'terminal_response',
    header,
    replySerial: r.u16('reply serial'),
    replyId: r.u16('reply id'),
    result: r.u8('result'),
  };
}

function register({ header, body }: Ctx): Jt808Message {
  const r = new ByteReader(body);
  const wide = header.edition === 2019;
  return {
    type: 'register',
    header,
    province: r.u16('province'),
    city: r.u16('city'),
    maker: gbkTrimPadding(r.take(wide ? 11 : 5, 'maker')),
    model: gbkTrimPadding(r.take(wide ? 30 : 20, 'model')),
    terminalId: gbkTrimPadding(r.take(wide ? 30 : 7, 'terminal id')),
    plateColour: r.u8('plate colour'),
    plate: gbkTrimNul(r.rest()),
  };
}

function authenticate({ header, body }: Ctx): Jt808Message {
  if (header.edition === 2013) {
    return { type: 'authenticate', header, code: gbkTrimNul(body), imei: null, softwareVersion: null };
  }
  const r = new ByteReader(body);
  const length = r.u8('auth code length');
  return {
    type: 'authenticate',
    header,
    code: gbkTrimNul(r.take(length, 'auth code')),
    imei: gbkTrimNul(r.take(15, 'IMEI')),
    softwareVersion: gbkTrimNul(r.take(20, 'software version')),
  };
}

function location({ header, body, batteryItems }: Ctx): Jt808Message {
  const decoded = readLocation(body, header.uniqueId, false, batteryItems);
  return { type: 'location', header, ...decoded };
}

function batch({ header, body, batteryItems }: Ctx): Jt808Message {
  const r = new ByteReader(body);
  const count = r.u16('item count');
  const batchType = r.u8('batch type');
  const backfill = batchType === 1;
  const positions = [];
  const rejected: Jt808Error[] = [];
  for (let i = 0; i < count; i++) {
    if (r.remaining < 2) {
      rejected.push(jt808Error('truncated', `batch: ${count} items declared, ${i} present`, header, body));
      break;
    }
    const length = r.u16('item length');
    if (length > r.remaining) {
      rejected.push(
        jt808Error(
          'truncated',
          `batch item ${i}: ${length} bytes declared, ${r.remaining} left`,
          header,
          body,
        ),
      );
      break;
    }
    const item = r.take(length, 'item');
    try {
      positions.push(readLocation(item, header.uniqueId, backfill, batteryItems).position);
    } catch (e) {
      rejected.push(toError(e, header, item, `batch item ${i}: `));
    }
  }
  if (r.remaining > 0 && rejected.length === 0) {
    rejected.push(
      jt808Error('bad_length', `batch: ${r.remaining} byte(s) after ${count} items`, header, body),
    );
  }
  return { type: 'batch', header, batchType, count, positions, rejected };
}

const DECODERS: Partial<Record<number, (ctx: Ctx) => Jt808Message>> = {
  [MSG.terminalResponse]: terminalResponse,
  [MSG.heartbeat]: ({ header, body }) => ({ type: 'heartbeat', header, extraHex: toHex(body) }),
  [MSG.logout]: ({ header }) => ({ type: 'logout', header }),
  [MSG.register]: register,
  [MSG.authenticate]: authenticate,
  [MSG.location]: location,
  [MSG.batch]: batch,
};

function toError(e: unknown, header: Jt808Header | null, raw: Uint8Array, prefix = ''): Jt808Error {
  if (e instanceof Jt808ReadError) return jt808Error(e.code, prefix + e.message, header, raw);
  return jt808Error('bad_value', prefix + (e instanceof Error ? e.message : String(e)), header, raw);
}

export function isSupportedMessage(msgId: number): boolean {
  return DECODERS[msgId] !== undefined;
}

/**
 * Decodes a whole body (an unpackaged frame's, or the reassembler's output). `raw` is what to
 * quote in errors (defaults to the body).
 */
export function decodePacket(
  packet: Jt808Packet,
  options: Jt808DecodeOptions = {},
  raw?: Uint8Array,
): Jt808Result {
  const { header, body } = packet;
  const decoder = DECODERS[header.msgId];
  if (!decoder) {
    const id = '0x' + header.msgId.toString(16).padStart(4, '0');
    return {
      ok: false,
      error: jt808Error('unsupported', `message ${id} not supported`, header, raw ?? body),
    };
  }
  try {
    const batteryItems = options.batteryPercentItems ?? DEFAULT_BATTERY_ITEMS;
    return { ok: true, message: decoder({ header, body, batteryItems }) };
  } catch (e) {
    return { ok: false, error: toError(e, header, raw ?? body) };
  }
}

/**
 * One frame (escaped, with or without the 7E delimiters) → message or error. A sub-packaged part
 * comes back as `{ type: 'fragment' }`: give it to a {@link Jt808Reassembler}.
 */
export function decodeFrame(frame: Uint8Array, options: Jt808DecodeOptions = {}): Jt808Result {
  const parsed = parsePacket(frame);
  if (!parsed.ok) return parsed;
  const { header, body } = parsed.packet;
  if (header.subPackage) return { ok: true, message: { type: 'fragment', header, body } };
  return decodePacket(parsed.packet, options, stripFlags(frame));
}
