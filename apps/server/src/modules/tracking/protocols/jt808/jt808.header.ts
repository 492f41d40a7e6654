/**
 * JT/T 808 message header (2013 and 2019 editions) and the frame → packet step: un-escape,
 * checksum, header, body length. Never throws: problems come back as typed errors.
 */
import { ByteReader, ByteWriter, Jt808ReadError, bcdToDigits, digitsToBcd, toHex } from './jt808.bytes.js';
import { ESC, FLAG, unescape, xorChecksum } from './jt808.frame.js';
import type {
  Jt808Edition,
  Jt808Error,
  Jt808ErrorCode,
  Jt808Header,
  Jt808PacketResult,
  Jt808SubPackage,
} from './jt808.types.js';

const BODY_LENGTH_MASK = 0x03ff;
const ENCRYPTION_SHIFT = 10;
const SUBPACKAGE_BIT = 1 << 13;
const EDITION_2019_BIT = 1 << 14;
export const MAX_BODY_LENGTH = BODY_LENGTH_MASK;

export function phoneToUniqueId(phone: string): string {
  return phone.replace(/^0+/, '') || '0';
}

/** Reads the header from the start of un-escaped frame content. Throws Jt808ReadError. */
export function readHeader(r: ByteReader): Jt808Header {
  const msgId = r.u16('message id');
  const props = r.u16('body properties');
  const edition: Jt808Edition = props & EDITION_2019_BIT ? 2019 : 2013;
  const protocolVersion = edition === 2019 ? r.u8('protocol version') : null;
  const phone = bcdToDigits(r.take(edition === 2019 ? 10 : 6, 'terminal phone'), 'terminal phone');
  const serial = r.u16('serial number');
  let subPackage: Jt808SubPackage | null = null;
  if (props & SUBPACKAGE_BIT) {
    const total = r.u16('sub-package total');
    const index = r.u16('sub-package index');
    subPackage = { total, index };
  }
  return {
    msgId,
    edition,
    protocolVersion,
    phone,
    uniqueId: phoneToUniqueId(phone),
    serial,
    bodyLength: props & BODY_LENGTH_MASK,
    encryption: (props >>> ENCRYPTION_SHIFT) & 0x07,
    subPackage,
    headerLength: r.offset,
  };
}

export interface HeaderInput {
  msgId: number;
  edition: Jt808Edition;
  /** Digits; left-padded with zeros to 12 (2013) or 20 (2019). */
  phone: string;
  serial: number;
  /** 2019 only; default 1. */
  protocolVersion?: number | null;
  subPackage?: Jt808SubPackage | null;
}

/** Header bytes for a body of `bodyLength` bytes (≤ 1023). */
export function writeHeader(w: ByteWriter, h: HeaderInput, bodyLength: number): void {
  if (bodyLength > MAX_BODY_LENGTH)
    throw new RangeError(`body of ${bodyLength} bytes exceeds 1023: sub-package it`);
  let props = bodyLength;
  if (h.subPackage) props |= SUBPACKAGE_BIT;
  if (h.edition === 2019) props |= EDITION_2019_BIT;
  w.u16(h.msgId).u16(props);
  if (h.edition === 2019) w.u8(h.protocolVersion ?? 1);
  w.bytes(digitsToBcd(h.phone, h.edition === 2019 ? 10 : 6));
  w.u16(h.serial & 0xffff);
  if (h.subPackage) w.u16(h.subPackage.total).u16(h.subPackage.index);
}

export function jt808Error(
  code: Jt808ErrorCode,
  message: string,
  header: Jt808Header | null,
  raw: Uint8Array,
): Jt808Error {
  return { code, message, header, rawHex: toHex(raw) };
}

/** The header when one can be read from the start of `content`, else null. */
function tryHeader(content: Uint8Array): Jt808Header | null {
  try {
    return readHeader(new ByteReader(content));
  } catch {
    return null;
  }
}

/** Un-escapes the bytes before a bad escape, to still read the header for the reply. */
function prefixBefore(bytes: Uint8Array, offset: number): Uint8Array {
  const ok = unescape(bytes.subarray(0, offset));
  return ok.ok ? ok.bytes : new Uint8Array(0);
}

/**
 * One frame (escaped; the 7E delimiters may be included or not) → header + body, after checking
 * escapes, the checksum, the header, the body length, sub-package numbering and encryption.
 */
export function parsePacket(input: Uint8Array): Jt808PacketResult {
  const raw = stripFlags(input);
  const fail = (code: Jt808ErrorCode, message: string, header: Jt808Header | null): Jt808PacketResult => ({
    ok: false,
    error: jt808Error(code, message, header, raw),
  });
  if (raw.includes(FLAG)) return fail('bad_escape', 'unescaped 7E inside the frame', null);
  const un = unescape(raw);
  if (!un.ok) {
    const at = un.offset;
    const next = raw[at + 1];
    const what = next === undefined ? 'at the end' : `followed by ${next.toString(16).padStart(2, '0')}`;
    return fail('bad_escape', `${ESC.toString(16)} ${what} (offset ${at})`, tryHeader(prefixBefore(raw, at)));
  }
  const bytes = un.bytes;
  if (bytes.length < 1) return fail('truncated', 'empty frame', null);
  const content = bytes.subarray(0, bytes.length - 1);
  const reader = new ByteReader(content);
  let header: Jt808Header;
  try {
    header = readHeader(reader);
  } catch (e) {
    const code = e instanceof Jt808ReadError ? e.code : 'truncated';
    return fail(code, e instanceof Error ? e.message : String(e), null);
  }
  const sum = bytes[bytes.length - 1] ?? 0;
  const expected = xorChecksum(content);
  if (sum !== expected) {
    return fail('bad_checksum', `checksum ${hex2(sum)}, computed ${hex2(expected)}`, header);
  }
  const body = reader.rest();
  if (body.length !== header.bodyLength) {
    return fail(
      'bad_length',
      `body properties say ${header.bodyLength} bytes, body has ${body.length}`,
      header,
    );
  }
  const sp = header.subPackage;
  if (sp && (sp.total < 1 || sp.index < 1 || sp.index > sp.total)) {
    return fail('bad_value', `sub-package ${sp.index} of ${sp.total}`, header);
  }
  if (header.encryption !== 0) {
    return fail('unsupported', `encrypted body (mode ${header.encryption})`, header);
  }
  return { ok: true, packet: { header, body: body.slice() } };
}

/** The frame without its 7E delimiters (when both are there). */
export function stripFlags(input: Uint8Array): Uint8Array {
  return input.length >= 2 && input[0] === FLAG && input[input.length - 1] === FLAG
    ? input.subarray(1, input.length - 1)
    : input;
}

function hex2(n: number): string {
  return '0x' + n.toString(16).padStart(2, '0');
}
