/**
 * JT/T 808 encoders. Platform side: 0x8001 and 0x8100 replies in the edition and to the phone of
 * the message they answer. Terminal side (for the simulator and tests): 0x0001, 0x0002, 0x0003,
 * 0x0100, 0x0102, 0x0200, 0x0704, optionally sub-packaged. Encoders throw RangeError only on
 * programming errors (a body over 1023 bytes without sub-packaging, a time outside 2000–2099).
 */
import { ByteWriter, encodeGbk } from './jt808.bytes.js';
import { frame } from './jt808.frame.js';
import { MAX_BODY_LENGTH, writeHeader, type HeaderInput } from './jt808.header.js';
import { writeLocation, type Jt808LocationInput } from './jt808.location.js';
import {
  MSG,
  type Jt808Edition,
  type Jt808Header,
  type Jt808RegisterResult,
  type Jt808ResponseResult,
} from './jt808.types.js';

/** A sender's serial number: WORD, counts from 0 (or `start`) and wraps after 0xFFFF. */
export class Jt808SerialCounter {
  private value: number;
  constructor(start = 0) {
    this.value = start & 0xffff;
  }
  next(): number {
    const v = this.value;
    this.value = (this.value + 1) & 0xffff;
    return v;
  }
  /** The next value without taking it. */
  peek(): number {
    return this.value;
  }
}

/** One complete frame (7E … 7E) with `body`. */
export function encodeFrame(header: HeaderInput, body: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  writeHeader(w, header, body.length);
  w.bytes(body);
  return frame(w.result());
}

/**
 * `body` as one frame, or, when `maxPartBody` is set and the body is longer, as sub-packages with
 * consecutive serials from `header.serial` (the caller advances its counter by the frame count).
 */
export function encodeFrames(
  header: Omit<HeaderInput, 'subPackage'>,
  body: Uint8Array,
  maxPartBody?: number,
): Uint8Array[] {
  if (maxPartBody === undefined || body.length <= maxPartBody) return [encodeFrame(header, body)];
  const size = Math.min(Math.max(1, Math.floor(maxPartBody)), MAX_BODY_LENGTH);
  const total = Math.ceil(body.length / size);
  if (total > 0xffff) throw new RangeError(`${total} sub-packages exceed a WORD`);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const part = body.subarray(i * size, (i + 1) * size);
    const serial = (header.serial + i) & 0xffff;
    frames.push(encodeFrame({ ...header, serial, subPackage: { total, index: i + 1 } }, part));
  }
  return frames;
}

function replyHeader(to: Jt808Header, msgId: number, serial: number): HeaderInput {
  return { msgId, edition: to.edition, phone: to.phone, serial, protocolVersion: to.protocolVersion };
}

/** 0x8001 platform general response to the message whose header is `to`. */
export function encodePlatformResponse(
  to: Jt808Header,
  serial: number,
  result: Jt808ResponseResult,
): Uint8Array {
  const body = new ByteWriter().u16(to.serial).u16(to.msgId).u8(result).result();
  return encodeFrame(replyHeader(to, MSG.platformResponse, serial), body);
}

/** 0x8100 register reply; the auth code is written only when the result is 0. */
export function encodeRegisterResponse(
  to: Jt808Header,
  serial: number,
  result: Jt808RegisterResult,
  authCode = '',
): Uint8Array {
  const w = new ByteWriter().u16(to.serial).u8(result);
  if (result === 0) w.bytes(encodeGbk(authCode));
  return encodeFrame(replyHeader(to, MSG.registerResponse, serial), w.result());
}

/** Who is sending, for the terminal-side encoders. */
export interface Jt808TerminalOptions {
  edition: Jt808Edition;
  /** Digits, left-padded with zeros to 12 (2013) or 20 (2019). */
  phone: string;
  serial: number;
  /** 2019 header protocol version (default 1). */
  protocolVersion?: number;
  /** Sub-package bodies longer than this. */
  maxPartBody?: number;
}

function terminal(t: Jt808TerminalOptions, msgId: number, body: Uint8Array): Uint8Array[] {
  const header = {
    msgId,
    edition: t.edition,
    phone: t.phone,
    serial: t.serial,
    protocolVersion: t.protocolVersion,
  };
  return encodeFrames(header, body, t.maxPartBody);
}

export function encodeTerminalResponse(
  t: Jt808TerminalOptions,
  r: { replySerial: number; replyId: number; result: number },
): Uint8Array[] {
  return terminal(
    t,
    MSG.terminalResponse,
    new ByteWriter().u16(r.replySerial).u16(r.replyId).u8(r.result).result(),
  );
}

export function encodeHeartbeat(
  t: Jt808TerminalOptions,
  extra: Uint8Array = new Uint8Array(0),
): Uint8Array[] {
  return terminal(t, MSG.heartbeat, extra);
}

export function encodeLogout(t: Jt808TerminalOptions): Uint8Array[] {
  return terminal(t, MSG.logout, new Uint8Array(0));
}

export interface Jt808RegisterInput {
  province: number;
  city: number;
  maker: string;
  model: string;
  terminalId: string;
  plateColour: number;
  plate: string;
}

/** 0x0100 in the 2013 (maker 5, model 20, id 7) or 2019 (11, 30, 30) layout, NUL-padded. */
export function encodeRegister(t: Jt808TerminalOptions, reg: Jt808RegisterInput): Uint8Array[] {
  const wide = t.edition === 2019;
  const body = new ByteWriter()
    .u16(reg.province)
    .u16(reg.city)
    .fixed(encodeGbk(reg.maker), wide ? 11 : 5)
    .fixed(encodeGbk(reg.model), wide ? 30 : 20)
    .fixed(encodeGbk(reg.terminalId), wide ? 30 : 7)
    .u8(reg.plateColour)
    .bytes(encodeGbk(reg.plate))
    .result();
  return terminal(t, MSG.register, body);
}

/** 0x0102: 2013 the code alone; 2019 length, code, IMEI[15], software version[20]. */
export function encodeAuthenticate(
  t: Jt808TerminalOptions,
  a: { code: string; imei?: string; softwareVersion?: string },
): Uint8Array[] {
  const code = encodeGbk(a.code);
  if (t.edition === 2013) return terminal(t, MSG.authenticate, code);
  const body = new ByteWriter()
    .u8(code.length)
    .bytes(code)
    .fixed(encodeGbk(a.imei ?? ''), 15)
    .fixed(encodeGbk(a.softwareVersion ?? ''), 20)
    .result();
  return terminal(t, MSG.authenticate, body);
}

/** 0x0200 (time written in GMT+8). */
export function encodeLocation(t: Jt808TerminalOptions, p: Jt808LocationInput): Uint8Array[] {
  return terminal(t, MSG.location, writeLocation(p));
}

/** 0x0704: count, type (1 = back-fill of blind-area data), then length-prefixed 0x0200 bodies. */
export function encodeBatch(
  t: Jt808TerminalOptions,
  positions: readonly Jt808LocationInput[],
  options: { backfill?: boolean } = {},
): Uint8Array[] {
  const w = new ByteWriter().u16(positions.length).u8(options.backfill ? 1 : 0);
  for (const p of positions) {
    const item = writeLocation(p);
    w.u16(item.length).bytes(item);
  }
  return terminal(t, MSG.batch, w.result());
}
