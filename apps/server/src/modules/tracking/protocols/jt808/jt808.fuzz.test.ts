import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Jt808Reader,
  Jt808Splitter,
  decodeFrame,
  encodeAuthenticate,
  encodeBatch,
  encodeHeartbeat,
  encodeLocation,
  encodeLogout,
  encodeRegister,
  encodeTerminalResponse,
  escape,
  frame,
  respond,
  toHex,
  unescape,
  type Jt808ErrorCode,
  type Jt808Result,
  type Jt808TerminalOptions,
} from './index.js';

const CODES: readonly Jt808ErrorCode[] = [
  'bad_escape',
  'bad_checksum',
  'truncated',
  'bad_length',
  'bad_value',
  'unsupported',
  'oversize',
  'reassembly',
];
const TYPES = [
  'terminal_response',
  'heartbeat',
  'logout',
  'register',
  'authenticate',
  'location',
  'batch',
  'fragment',
];
const ctx = { serial: 0, authCode: () => 'A1' };

/** A result is typed, and the reply rules accept it. */
function checkResult(r: Jt808Result): void {
  if (r.ok) {
    expect(TYPES).toContain(r.message.type);
    expect(typeof r.message.header.uniqueId).toBe('string');
  } else {
    expect(CODES).toContain(r.error.code);
    expect(r.error.header === null || typeof r.error.header.msgId === 'number').toBe(true);
  }
  const step = respond(r, ctx);
  expect(step.nextSerial === 0 || step.nextSerial === 1).toBe(true);
}

const bytes = (max = 64) => fc.uint8Array({ minLength: 0, maxLength: max });
const terminal: fc.Arbitrary<Jt808TerminalOptions> = fc.record({
  edition: fc.constantFrom(2013 as const, 2019 as const),
  phone: fc.stringMatching(/^[0-9]{1,12}$/),
  serial: fc.integer({ min: 0, max: 0xffff }),
});
const text = (max: number) =>
  fc.string({ maxLength: max, unit: fc.constantFrom('a', 'Z', '0', '7', '~', '}', '静', '邻', '粤') });
const position = fc.record({
  fixTime: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T15:59:59Z'),
    noInvalidDate: true,
  }),
  latitude: fc.integer({ min: -90_000_000, max: 90_000_000 }).map((n) => n / 1e6),
  longitude: fc.integer({ min: -180_000_000, max: 180_000_000 }).map((n) => n / 1e6),
  speedKmh: fc.integer({ min: 0, max: 6553 }).map((n) => n / 10),
  course: fc.integer({ min: 0, max: 359 }),
  altitudeM: fc.integer({ min: -500, max: 9000 }),
  satellites: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
  batteryPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  valid: fc.boolean(),
});

/** Any terminal message, encoded as one frame or several sub-packages. */
const message = (split: boolean) =>
  fc
    .tuple(
      terminal,
      // parts of ≥ 4 bytes keep every message within the reassembler's 64 parts
      split ? fc.option(fc.integer({ min: 4, max: 40 }), { nil: undefined }) : fc.constant(undefined),
      fc.oneof(
        fc
          .record({ replySerial: fc.nat(0xffff), replyId: fc.nat(0xffff), result: fc.nat(255) })
          .map((r) => (t: Jt808TerminalOptions) => encodeTerminalResponse(t, r)),
        bytes(20).map((b) => (t: Jt808TerminalOptions) => encodeHeartbeat(t, b)),
        fc.constant((t: Jt808TerminalOptions) => encodeLogout(t)),
        fc
          .record({
            province: fc.nat(0xffff),
            city: fc.nat(0xffff),
            maker: text(5),
            model: text(10),
            terminalId: text(3),
            plateColour: fc.nat(255),
            plate: text(8),
          })
          .map((r) => (t: Jt808TerminalOptions) => encodeRegister(t, r)),
        fc
          .record({ code: text(20), imei: fc.stringMatching(/^[0-9]{15}$/), softwareVersion: text(6) })
          .map((a) => (t: Jt808TerminalOptions) => encodeAuthenticate(t, a)),
        position.map((p) => (t: Jt808TerminalOptions) => encodeLocation(t, p)),
        fc.tuple(fc.array(position, { maxLength: 5 }), fc.boolean()).map(
          ([ps, backfill]) =>
            (t: Jt808TerminalOptions) =>
              encodeBatch(t, ps, { backfill }),
        ),
      ),
    )
    .map(([t, maxPartBody, encode]) => encode({ ...t, maxPartBody }));

const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Cuts `stream` at the given fractions. */
function chunk(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * stream.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, stream.length]) {
    out.push(stream.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('JT/T 808 properties', () => {
  it('escape and unescape are inverse; escaped bytes hold no 7E', () => {
    fc.assert(
      fc.property(bytes(200), (b) => {
        const e = escape(b);
        expect(e.includes(0x7e)).toBe(false);
        const u = unescape(e);
        expect(u.ok && toHex(u.bytes)).toBe(toHex(b));
      }),
      { numRuns: 500 },
    );
  });

  it('the splitter yields exactly the frames of a multi-frame stream, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(message(false), { minLength: 1, maxLength: 8 }),
        bytes(10).map((j) => j.filter((b) => b !== 0x7e)),
        fc.array(fc.boolean(), { maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        (msgs, junk, doubled, cuts) => {
          const frames = msgs.map((m) => m[0]!);
          // junk first; some frames followed by an extra 7E (back-to-back 7E 7E 7E)
          const stream = concat([
            junk,
            ...frames.flatMap((f, i) => (doubled[i] ? [f, new Uint8Array([0x7e])] : [f])),
          ]);
          const splitter = new Jt808Splitter();
          const got = chunk(stream, cuts).flatMap((c) => splitter.push(c));
          const framesOut = got.flatMap((e) => (e.type === 'frame' ? [toHex(e.bytes)] : []));
          expect(framesOut).toEqual(frames.map((f) => toHex(f.subarray(1, f.length - 1))));
          expect(got.some((e) => e.type === 'oversize')).toBe(false);
          const reader = new Jt808Reader();
          const results = chunk(stream, cuts).flatMap((c) => reader.push(c, 0));
          expect(results.every((r) => r.ok)).toBe(true);
          expect(results).toHaveLength(frames.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every terminal message decodes, also sub-packaged and shuffled', () => {
    fc.assert(
      fc.property(message(true), fc.integer(), (parts, seed) => {
        const order = parts.map((p, i) => ({ p, k: (Math.imul(seed ^ i, 2654435761) >>> 0) % 1000 }));
        order.sort((a, b) => a.k - b.k);
        const reader = new Jt808Reader();
        const results = order.flatMap(({ p }) => reader.push(p, 0));
        results.forEach(checkResult);
        const whole = results.filter((r) => r.ok && r.message.type !== 'fragment');
        expect(whole).toHaveLength(1);
        expect(results.every((r) => r.ok)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes never throw: a frame or a typed error', () => {
    fc.assert(
      fc.property(bytes(120), (b) => {
        checkResult(decodeFrame(b));
        const reader = new Jt808Reader({ splitter: { maxFrameBytes: 64 } });
        for (const c of chunk(b, [0.3, 0.6])) reader.push(c, 0).forEach(checkResult);
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated valid frames never throw (raw mutations, and mutations with a fixed checksum)', () => {
    const mutation = fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        op: fc.constantFrom('flip', 'insert', 'delete', 'set'),
        v: fc.nat(255),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(message(false), mutation, fc.boolean(), (msg, muts, refit) => {
        const f = msg[0]!;
        const un = unescape(f.subarray(1, f.length - 1));
        if (!un.ok) throw new Error('encoder produced a bad escape');
        // refit: mutate the header + body and re-frame with a correct checksum, to reach the body parsers
        const base = refit ? [...un.bytes.subarray(0, un.bytes.length - 1)] : [...f];
        for (const m of muts) {
          const i = Math.min(base.length - 1, Math.floor(m.at * base.length));
          if (m.op === 'flip') base[i] = (base[i] ?? 0) ^ (1 << (m.v % 8));
          else if (m.op === 'insert') base.splice(i, 0, m.v);
          else if (m.op === 'delete') base.splice(i, 1);
          else base[i] = m.v;
        }
        const mutated = refit ? frame(new Uint8Array(base)) : new Uint8Array(base);
        checkResult(decodeFrame(mutated));
        new Jt808Reader().push(mutated, 0).forEach(checkResult);
      }),
      { numRuns: 2000 },
    );
  });

  it('0x0200 round trip keeps every field (GMT+8 time, signs, 0.1 km/h)', () => {
    fc.assert(
      fc.property(terminal, position, (t, p) => {
        const r = decodeFrame(encodeLocation(t, p)[0]!);
        if (!r.ok || r.message.type !== 'location') throw new Error('not a location');
        const got = r.message.position;
        expect(got.fixTime.getTime()).toBe(Math.floor(p.fixTime.getTime() / 1000) * 1000);
        expect([got.latitude, got.longitude, got.speedKmh, got.course, got.altitudeM, got.valid]).toEqual([
          p.latitude,
          p.longitude,
          p.speedKmh,
          p.course,
          p.altitudeM,
          p.valid,
        ]);
        expect([got.satellites, got.batteryPercent]).toEqual([p.satellites, p.batteryPercent]);
      }),
      { numRuns: 500 },
    );
  });
});
