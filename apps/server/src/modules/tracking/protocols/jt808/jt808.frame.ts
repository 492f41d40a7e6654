/**
 * JT/T 808 framing: `7E | escaped(header | body | checksum) | 7E`. Inside the frame 7E is sent as
 * 7D 02 and 7D as 7D 01. The streaming splitter cuts a TCP byte stream into frames.
 */

export const FLAG = 0x7e;
export const ESC = 0x7d;

/** Largest un-escaped frame: 2019 sub-packaged header (21) + body (1023) + checksum (1). */
export const MAX_UNESCAPED_FRAME = 21 + 1023 + 1;
/** Default splitter limit on the escaped frame content (every byte may double). */
export const DEFAULT_MAX_FRAME_BYTES = 2 * MAX_UNESCAPED_FRAME;

/** XOR of every byte in `bytes[start, end)`. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** 7E → 7D 02, 7D → 7D 01 (no delimiters added). */
export function escape(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (const b of bytes) if (b === FLAG || b === ESC) extra++;
  if (extra === 0) return bytes.slice();
  const out = new Uint8Array(bytes.length + extra);
  let j = 0;
  for (const b of bytes) {
    if (b === FLAG || b === ESC) {
      out[j++] = ESC;
      out[j++] = b === FLAG ? 0x02 : 0x01;
    } else {
      out[j++] = b;
    }
  }
  return out;
}

export type UnescapeResult = { ok: true; bytes: Uint8Array } | { ok: false; offset: number };

/** 7D 01 → 7D, 7D 02 → 7E; a 7D followed by anything else (or last) is malformed. */
export function unescape(bytes: Uint8Array): UnescapeResult {
  if (!bytes.includes(ESC)) return { ok: true, bytes: bytes.slice() };
  const out = new Uint8Array(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b !== ESC) {
      out[j++] = b;
      continue;
    }
    const next = bytes[i + 1];
    if (next === 0x01) out[j++] = ESC;
    else if (next === 0x02) out[j++] = FLAG;
    else return { ok: false, offset: i };
    i++;
  }
  return { ok: true, bytes: out.slice(0, j) };
}

/** Header + body → checksum appended, escaped, wrapped in 7E. */
export function frame(content: Uint8Array): Uint8Array {
  const withSum = new Uint8Array(content.length + 1);
  withSum.set(content);
  withSum[content.length] = xorChecksum(content);
  const escaped = escape(withSum);
  const out = new Uint8Array(escaped.length + 2);
  out[0] = FLAG;
  out.set(escaped, 1);
  out[out.length - 1] = FLAG;
  return out;
}

export type SplitEvent =
  /** The escaped content between two 7E (delimiters excluded); never empty. */
  | { type: 'frame'; bytes: Uint8Array }
  /**
   * A frame grew past the limit: reported once, as soon as it does, with the bytes held so far;
   * the rest of it, up to the next 7E, is discarded silently.
   */
  | { type: 'oversize'; bytes: number }
  /** Bytes before the first 7E were skipped. */
  | { type: 'junk'; bytes: number };

export interface SplitterOptions {
  /** Largest escaped frame content accepted (default {@link DEFAULT_MAX_FRAME_BYTES}). */
  maxFrameBytes?: number;
}

/**
 * Streaming splitter for one TCP connection. Every 7E is a delimiter: non-empty content between
 * two 7E is a frame (so back-to-back `7E 7E` between frames is fine, and junk between frames comes
 * out as a frame that fails to decode). Bytes before the first 7E are skipped. Memory is bounded
 * by `maxFrameBytes`.
 */
export class Jt808Splitter {
  private readonly max: number;
  private buf: Uint8Array;
  private len = 0;
  private started = false;
  /** Inside an oversize frame: discard up to the next 7E. */
  private discarding = false;

  constructor(options: SplitterOptions = {}) {
    this.max = Math.max(1, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    this.buf = new Uint8Array(Math.min(this.max, 256));
  }

  /** Bytes held for an unfinished frame. */
  get pending(): number {
    return this.discarding ? 0 : this.len;
  }

  push(chunk: Uint8Array): SplitEvent[] {
    const events: SplitEvent[] = [];
    let i = 0;
    if (!this.started) {
      const first = chunk.indexOf(FLAG);
      if (first < 0) {
        if (chunk.length > 0) events.push({ type: 'junk', bytes: chunk.length });
        return events;
      }
      if (first > 0) events.push({ type: 'junk', bytes: first });
      this.started = true;
      i = first + 1;
    }
    while (i < chunk.length) {
      const next = chunk.indexOf(FLAG, i);
      const end = next < 0 ? chunk.length : next;
      this.append(chunk.subarray(i, end), events);
      if (next < 0) break;
      this.close(events);
      i = next + 1;
    }
    return events;
  }

  private append(part: Uint8Array, events: SplitEvent[]): void {
    if (part.length === 0) return;
    if (this.discarding) return;
    if (this.len + part.length > this.max) {
      events.push({ type: 'oversize', bytes: this.len + part.length });
      this.discarding = true;
      this.len = 0;
      this.shrink();
      return;
    }
    if (this.len + part.length > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(this.buf.length * 2, this.len + part.length)));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(part, this.len);
    this.len += part.length;
  }

  private close(events: SplitEvent[]): void {
    if (this.discarding) {
      this.discarding = false;
    } else if (this.len > 0) {
      events.push({ type: 'frame', bytes: this.buf.slice(0, this.len) });
    }
    this.len = 0;
    this.shrink();
  }

  private shrink(): void {
    if (this.buf.length > 4096) this.buf = new Uint8Array(256);
  }
}
