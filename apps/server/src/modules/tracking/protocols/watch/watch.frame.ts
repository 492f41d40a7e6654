/**
 * Framing of the watch protocol: a streaming splitter for TCP (pieces arrive arbitrarily) and the
 * header parser `[MF*ID*LEN*CONTENT]` / `[ZJ*ID*IDX*LEN*CONTENT]`.
 *
 * LEN is not trusted: a frame is everything from '[' to the next ']'. Vendor dialects put binary
 * data (voice, images, with brackets escaped) inside frames, so a frame is bounded in size; a '['
 * before the ']' means the previous frame was cut short, and the splitter resynchronises on it.
 */
import { RAW_TEXT_LIMIT, type WatchError, type WatchErrorCode, type WatchFrame } from './watch.types.js';

const OPEN = 0x5b; // '['
const CLOSE = 0x5d; // ']'

/** Default bound of one frame in bytes: a UD with 7 cells and 10 Wi-Fi networks is under 1 KiB. */
export const DEFAULT_MAX_FRAME_BYTES = 4096;

export type WatchSplitItem = { ok: true; frame: Buffer } | WatchError;

export function watchError(code: WatchErrorCode, message: string, raw: string | Uint8Array): WatchError {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  return {
    ok: false,
    code,
    message,
    raw: text.length > RAW_TEXT_LIMIT ? text.slice(0, RAW_TEXT_LIMIT) : text,
  };
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x00) return false;
  return true;
}

/**
 * One per TCP connection: `push` each chunk as it arrives and get back the complete frames (bytes
 * from '[' to ']' inclusive) and errors for what had to be dropped, in input order. Holds at most
 * `maxFrameBytes` between calls.
 */
export class WatchFrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  /** Inside an oversized frame that was dropped: skip silently up to the next '['. */
  private discarding = false;
  private readonly maxFrameBytes: number;

  constructor(options: { maxFrameBytes?: number } = {}) {
    this.maxFrameBytes = Math.max(16, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  push(chunk: Uint8Array): WatchSplitItem[] {
    const out: WatchSplitItem[] = [];
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    this.pending = Buffer.alloc(0);
    let pos = 0;
    while (pos < data.length) {
      if (data[pos] !== OPEN) {
        const start = data.indexOf(OPEN, pos);
        const end = start < 0 ? data.length : start;
        const junk = data.subarray(pos, end);
        if (!this.discarding && !isBlank(junk)) {
          out.push(watchError('junk', 'bytes outside a frame', junk));
        }
        pos = end;
        if (start < 0) break;
      }
      this.discarding = false;
      // data[pos] is '['
      const close = data.indexOf(CLOSE, pos + 1);
      const nextOpen = data.indexOf(OPEN, pos + 1);
      if (close >= 0 && (nextOpen < 0 || close < nextOpen)) {
        const frame = data.subarray(pos, close + 1);
        if (frame.length > this.maxFrameBytes) {
          out.push(watchError('too_long', `frame longer than ${this.maxFrameBytes} bytes`, frame));
        } else {
          out.push({ ok: true, frame: Buffer.from(frame) });
        }
        pos = close + 1;
      } else if (nextOpen >= 0) {
        out.push(watchError('truncated', "a frame ended without ']'", data.subarray(pos, nextOpen)));
        pos = nextOpen;
      } else {
        const rest = data.subarray(pos);
        if (rest.length > this.maxFrameBytes) {
          out.push(watchError('too_long', `frame longer than ${this.maxFrameBytes} bytes`, rest));
          this.discarding = true;
        } else {
          this.pending = Buffer.from(rest);
        }
        break;
      }
    }
    return out;
  }

  /** At connection close: an error for a frame left unfinished, if any. */
  end(): WatchError | null {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    this.discarding = false;
    return rest.length > 0 ? watchError('incomplete', 'connection closed inside a frame', rest) : null;
  }
}

const MANUFACTURER = /^[A-Za-z0-9]{2}$/;
const DEVICE_ID = /^[A-Za-z0-9]{1,32}$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Reads `[MF*ID*LEN*CONTENT]` (or the `ZJ` dialect with an index before LEN). Never throws. */
export function parseWatchFrame(input: Uint8Array | string): { ok: true; frame: WatchFrame } | WatchError {
  const raw = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (!raw.startsWith('[') || !raw.endsWith(']') || raw.length < 2) {
    return watchError('bad_header', "a frame is '[' … ']'", raw);
  }
  const inner = raw.slice(1, -1);
  const parts: string[] = [];
  let from = 0;
  // MF, ID, then LEN or IDX*LEN: at most four '*' separators before the content.
  for (let i = 0; i < 4; i++) {
    const star = inner.indexOf('*', from);
    if (star < 0) break;
    parts.push(inner.slice(from, star));
    from = star + 1;
  }
  const [manufacturer, deviceId, third, fourth] = parts;
  if (manufacturer === undefined || deviceId === undefined || third === undefined) {
    return watchError('bad_header', 'expected MF*ID*LEN*', raw);
  }
  if (!MANUFACTURER.test(manufacturer)) return watchError('bad_header', 'bad manufacturer', raw);
  if (!DEVICE_ID.test(deviceId)) return watchError('bad_header', 'bad device id', raw);
  if (!HEX4.test(third)) return watchError('bad_header', 'LEN is not 4 hex digits', raw);
  let index: string | null = null;
  let lenText = third;
  let contentStart: number;
  if (fourth !== undefined && HEX4.test(fourth)) {
    // `[ZJ*ID*IDX*LEN*CONTENT]`: both are 4 hex digits; the second is the length.
    index = third;
    lenText = fourth;
    contentStart = manufacturer.length + deviceId.length + third.length + fourth.length + 4;
  } else {
    contentStart = manufacturer.length + deviceId.length + third.length + 3;
  }
  const content = inner.slice(contentStart);
  const comma = content.indexOf(',');
  const type = comma < 0 ? content : content.slice(0, comma);
  const body = comma < 0 ? '' : content.slice(comma + 1);
  return {
    ok: true,
    frame: {
      manufacturer,
      deviceId,
      index,
      declaredLength: parseInt(lenText, 16),
      type,
      body,
      raw,
    },
  };
}
