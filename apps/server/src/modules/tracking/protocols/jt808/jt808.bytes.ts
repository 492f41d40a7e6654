/** Byte helpers for the JT/T 808 codec: bounds-checked reading, BCD, GBK text, hex. */

export function toHex(bytes: Uint8Array, max = 4096): string {
  const view = bytes.length > max ? bytes.subarray(0, max) : bytes;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

/** Thrown only inside the codec and turned into a typed error before it reaches a caller. */
export class Jt808ReadError extends Error {
  constructor(
    readonly code: 'truncated' | 'bad_value',
    message: string,
  ) {
    super(message);
  }
}

/** Big-endian reader over a byte slice; every read is bounds-checked. */
export class ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) {
      throw new Jt808ReadError(
        'truncated',
        `${what}: needs ${n} byte(s) at ${this.offset}, has ${this.remaining}`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++] ?? 0;
  }

  u16(what: string): number {
    this.need(2, what);
    const v = ((this.bytes[this.offset] ?? 0) << 8) | (this.bytes[this.offset + 1] ?? 0);
    this.offset += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  rest(): Uint8Array {
    const out = this.bytes.subarray(this.offset);
    this.offset = this.bytes.length;
    return out;
  }
}

/** Growable big-endian writer. */
export class ByteWriter {
  private buf = new Uint8Array(64);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  u32(v: number): this {
    return this.u8(v >>> 24)
      .u8(v >>> 16)
      .u8(v >>> 8)
      .u8(v);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** `b` NUL-padded on the right (or cut) to exactly `n` bytes. */
  fixed(b: Uint8Array, n: number): this {
    const out = new Uint8Array(n);
    out.set(b.subarray(0, n));
    return this.bytes(out);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Packed BCD to its digits; throws bad_value on a nibble above 9. */
export function bcdToDigits(bytes: Uint8Array, what: string): string {
  let s = '';
  for (const b of bytes) {
    const hi = b >>> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) throw new Jt808ReadError('bad_value', `${what}: not BCD (${toHex(bytes)})`);
    s += String(hi) + String(lo);
  }
  return s;
}

/** Digits to packed BCD of `n` bytes, left-padded with zeros (only leading zeros may be cut). */
export function digitsToBcd(digits: string, n: number): Uint8Array {
  if (!/^\d*$/.test(digits)) throw new RangeError(`not decimal digits: ${digits}`);
  const significant = digits.replace(/^0+/, '');
  if (significant.length > n * 2) throw new RangeError(`${digits} has more than ${n * 2} digits`);
  const padded = significant.padStart(n * 2, '0');
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (Number(padded[2 * i]) << 4) | Number(padded[2 * i + 1]);
  return out;
}

const gbkDecoder = new TextDecoder('gbk');

export function decodeGbk(bytes: Uint8Array): string {
  return gbkDecoder.decode(bytes);
}

/** GBK text with NUL padding on the right (and left) removed. */
export function gbkTrimNul(bytes: Uint8Array): string {
  return decodeGbk(bytes).replace(/^\0+|\0+$/g, '');
}

/** A fixed-width field: NUL padding on the right and '0' padding on the left removed (TRACKING.md). */
export function gbkTrimPadding(bytes: Uint8Array): string {
  return gbkTrimNul(bytes).replace(/^0+/, '');
}

let gbkTable: Map<number, number> | null = null;

/** Reverse GBK table built once from the platform decoder (Node has no GBK encoder). */
function gbkReverse(): Map<number, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    pair[0] = lead;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[1] = trail;
      const ch = gbkDecoder.decode(pair);
      const cp = ch.codePointAt(0);
      if (ch.length === 1 && cp !== undefined && cp !== 0xfffd && !table.has(cp)) {
        table.set(cp, (lead << 8) | trail);
      }
    }
  }
  gbkTable = table;
  return table;
}

/** Text to GBK bytes; a character GBK lacks becomes '?'. */
export function encodeGbk(text: string): Uint8Array {
  const w = new ByteWriter();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (cp < 0x80) {
      w.u8(cp);
      continue;
    }
    const code = gbkReverse().get(cp);
    if (code === undefined) w.u8(0x3f);
    else w.u16(code);
  }
  return w.result();
}
