/**
 * JT/T 808 (2013 and 2019 editions) codec types. The codec is pure: bytes in, these out. It never
 * throws on wire input; malformed frames come back as a {@link Jt808Error}.
 */
import type { DecodedPosition } from '../position.js';

export type Jt808Edition = 2013 | 2019;

export const MSG = {
  terminalResponse: 0x0001,
  heartbeat: 0x0002,
  logout: 0x0003,
  register: 0x0100,
  authenticate: 0x0102,
  location: 0x0200,
  batch: 0x0704,
  platformResponse: 0x8001,
  registerResponse: 0x8100,
} as const;

/** 0x8001 result: 0 ok, 1 fail, 2 bad message, 3 unsupported, 4 alarm confirmed. */
export type Jt808ResponseResult = 0 | 1 | 2 | 3 | 4;
/** 0x8100 result: 0 ok, 1 vehicle registered, 2 no such vehicle, 3 terminal registered, 4 no such terminal. */
export type Jt808RegisterResult = 0 | 1 | 2 | 3 | 4;

export interface Jt808SubPackage {
  /** Number of parts, ≥ 1. */
  total: number;
  /** This part, from 1. */
  index: number;
}

export interface Jt808Header {
  msgId: number;
  edition: Jt808Edition;
  /** 2019 header's protocol version byte; null in 2013. */
  protocolVersion: number | null;
  /** The terminal phone digits exactly as sent (12 in 2013, 20 in 2019). */
  phone: string;
  /** The phone without leading zeros ('0' when all zeros): the device's uniqueId. */
  uniqueId: string;
  serial: number;
  /** Body length from the body properties (of this part, when sub-packaged). */
  bodyLength: number;
  /** Body properties bits 10–12 (0 = none). */
  encryption: number;
  /** Present when body properties bit 13 is set (for a reassembled message: the first part). */
  subPackage: Jt808SubPackage | null;
  /** Header size in bytes (12/16 in 2013, 17/21 in 2019). */
  headerLength: number;
}

/** A frame that passed un-escaping, checksum and length checks; the body is not parsed yet. */
export interface Jt808Packet {
  header: Jt808Header;
  body: Uint8Array;
}

export type Jt808ErrorCode =
  /** 7D followed by anything but 01/02, or 7D at the end of the frame. */
  | 'bad_escape'
  /** XOR of header and body differs from the checksum byte. */
  | 'bad_checksum'
  /** The frame or a field in the body ends before its declared size. */
  | 'truncated'
  /** The body length in the header differs from the actual body. */
  | 'bad_length'
  /** A field holds an impossible value (BCD digit > 9, bad date, sub-package index 0 …). */
  | 'bad_value'
  /** Unknown message id, or an encrypted body. The platform answers 0x8001 result 3. */
  | 'unsupported'
  /** The frame exceeded the splitter's maximum size and was dropped. */
  | 'oversize'
  /** A sub-package could not be reassembled (too many parts, too many pending messages). */
  | 'reassembly';

export interface Jt808Error {
  code: Jt808ErrorCode;
  message: string;
  /** The header when it was readable (then the platform answers 0x8001 result 2, or 3). */
  header: Jt808Header | null;
  /**
   * Hex of the frame as received (escaped, without the 7E delimiters; a batch item's or a part's
   * bytes for errors about those), capped at 4 KiB of input.
   */
  rawHex: string;
}

export interface Jt808LocationExtra {
  /** Raw alarm DWORD. */
  alarmBits: number;
  /** Raw status DWORD. */
  statusBits: number;
}

interface Base {
  header: Jt808Header;
}

export interface Jt808TerminalResponse extends Base {
  type: 'terminal_response';
  replySerial: number;
  replyId: number;
  result: number;
}
export interface Jt808Heartbeat extends Base {
  type: 'heartbeat';
  /** Vendor bytes appended to the (normally empty) body, hex; '' when none. */
  extraHex: string;
}
export interface Jt808Logout extends Base {
  type: 'logout';
}
export interface Jt808Register extends Base {
  type: 'register';
  province: number;
  city: number;
  maker: string;
  model: string;
  terminalId: string;
  plateColour: number;
  /** GBK-decoded plate (or VIN when the colour is 0). */
  plate: string;
}
export interface Jt808Authenticate extends Base {
  type: 'authenticate';
  code: string;
  /** 2019 only. */
  imei: string | null;
  /** 2019 only. */
  softwareVersion: string | null;
}
export interface Jt808Location extends Base, Jt808LocationExtra {
  type: 'location';
  position: DecodedPosition;
}
export interface Jt808Batch extends Base {
  type: 'batch';
  /** 0 normal, 1 back-fill of blind-area data. */
  batchType: number;
  /** Declared item count. */
  count: number;
  positions: DecodedPosition[];
  /** Items that could not be decoded (the others are still handed on). */
  rejected: Jt808Error[];
}
/** One part of a sub-packaged message; hand it to the reassembler (the reader does). */
export interface Jt808Fragment extends Base {
  type: 'fragment';
  body: Uint8Array;
}

export type Jt808Message =
  | Jt808TerminalResponse
  | Jt808Heartbeat
  | Jt808Logout
  | Jt808Register
  | Jt808Authenticate
  | Jt808Location
  | Jt808Batch
  | Jt808Fragment;

export type Jt808Result = { ok: true; message: Jt808Message } | { ok: false; error: Jt808Error };
export type Jt808PacketResult = { ok: true; packet: Jt808Packet } | { ok: false; error: Jt808Error };

export interface Jt808DecodeOptions {
  /** Location items read as battery percent when one byte 0–100 (vendor usage). Default [0x06]. */
  batteryPercentItems?: readonly number[];
}
