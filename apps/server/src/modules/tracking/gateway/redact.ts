/**
 * What the gateways may write to the log about a device's input (TRUST.md: logs carry ids, never
 * names, ID numbers or phone numbers). A JT/T 808 terminal's id *is* its SIM phone number (BCD in
 * every header), and a watch's id may be one, so:
 * - a device is named in the log by its internal id (uuid) when it is registered, else by a short
 *   keyed hash of its uniqueId (`t-…`, the same for the same terminal within one process);
 * - malformed input is still logged "with its hex", but with the terminal phone bytes of the
 *   header masked (`**`), and any other occurrence of the phone (BCD or ASCII digits) too.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A per-process key: the hash correlates lines of one process and cannot be looked up in a table of phone numbers. */
const KEY = randomBytes(32);

/** `t-` + 10 hex digits of HMAC-SHA-256(uniqueId) under a per-process key. */
export function terminalRef(uniqueId: string): string {
  return 't-' + createHmac('sha256', KEY).update(uniqueId).digest('hex').slice(0, 10);
}

/** How a log line names a device: its internal id when known, else the terminal hash. */
export function deviceRef(uniqueId: string | null, deviceId?: string | null): Record<string, string> {
  if (deviceId) return { deviceId };
  if (uniqueId) return { terminal: terminalRef(uniqueId) };
  return {};
}

const MASK = 0x100; // a marker outside the byte range

const ESC = 0x7d;
const FLAG = 0x7e;
/** Header bytes (after un-escaping) that may hold the terminal phone: 4–9 (2013) and 5–14 (2019). */
const PHONE_FROM = 4;
const PHONE_TO = 15;

/**
 * The raw hex of JT/T 808 input with the terminal phone masked. `frame`: the hex starts at the
 * header (a whole frame, escaped or not, 7E optional) — then the header's phone bytes are masked
 * whatever the edition bit says (bytes 4–14 after un-escaping: both editions' positions). Any
 * other place the phone appears (BCD, or ASCII digits) is masked too when the header was read.
 */
export function redactJt808Hex(rawHex: string, opts: { frame: boolean; phone?: string | null }): string {
  if (!rawHex) return rawHex;
  const bytes = Buffer.from(rawHex, 'hex');
  const out: number[] = Array.from(bytes);
  if (opts.frame) {
    let i = out[0] === FLAG ? 1 : 0;
    let logical = 0;
    while (i < out.length && logical < PHONE_TO) {
      const width = out[i] === ESC && i + 1 < out.length ? 2 : 1;
      if (logical >= PHONE_FROM) for (let k = 0; k < width; k++) out[i + k] = MASK;
      i += width;
      logical++;
    }
  }
  const digits = opts.phone?.replace(/^0+/, '') ?? '';
  if (digits.length >= 5) {
    for (const needle of phoneNeedles(digits)) maskAll(out, needle);
  }
  return out.map((b) => (b === MASK ? '**' : b.toString(16).padStart(2, '0'))).join('');
}

/** The byte sequences a phone may appear as: its significant BCD bytes (either nibble alignment) and its ASCII digits. */
function phoneNeedles(digits: string): number[][] {
  const bcd = (d: string) => {
    const s = d.length % 2 ? '0' + d : d;
    const r: number[] = [];
    for (let i = 0; i < s.length; i += 2) r.push(parseInt(s.slice(i, i + 2), 16));
    return r;
  };
  // Left-padded BCD of the digits; the first byte may carry a padding nibble, so match from the
  // first whole pair of significant digits on.
  const even = bcd(digits);
  const tail = digits.length % 2 ? even.slice(1) : even;
  return [tail, Array.from(Buffer.from(digits, 'ascii'))].filter((n) => n.length >= 3);
}

function maskAll(hay: number[], needle: number[]): void {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    for (let k = 0; k < needle.length; k++) hay[i + k] = MASK;
    i += needle.length - 1;
  }
}

/**
 * Watch-protocol input as it may be logged (hex of the text): the id between the first two `*`
 * masked, and every run of 7 or more digits (a phone number in the content, e.g. an `SOS1,…`
 * echo) masked.
 */
export function redactWatchText(raw: string): string {
  const idMasked = raw.replace(
    /^(\[?[^*\]]{0,8}\*)([^*\]]*)/,
    (_m, head: string, id: string) => head + '*'.repeat(id.length),
  );
  return idMasked.replace(/\d{7,}/g, (m) => '*'.repeat(m.length));
}

/**
 * An error as it may be logged: its type, code and message only. A failed query's message quotes
 * the statement's parameters (uniqueIds, i.e. phone numbers; coordinates) and a database error
 * carries the offending values in `detail`: for those the driver's own message is logged instead.
 */
export function safeError(err: unknown): { type: string; message: string; code?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: 'non-error thrown' };
  const cause = err.cause instanceof Error ? err.cause : null;
  const quoted = /\bparams?:/i.test(err.message) || err.message.startsWith('Failed query');
  const source = quoted && cause ? cause : err;
  let message = quoted && !cause ? 'query failed' : source.message;
  // Never more than the first line, never a run of 7+ digits (a phone number in a message).
  message = (message.split('\n')[0] ?? '').replace(/\d{7,}/g, (m) => '*'.repeat(m.length));
  const code = (source as { code?: unknown }).code;
  return { type: err.name, message, ...(typeof code === 'string' ? { code } : {}) };
}
