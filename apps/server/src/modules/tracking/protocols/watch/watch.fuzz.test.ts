/**
 * Property tests on input from the wire: the splitter and decoder never throw, stay bounded, find
 * every well-formed frame whatever the chunking and the junk around it, and the terminal-side
 * encoder and the decoder agree.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeWatch } from './watch.decode.js';
import { encodeWatchPosition } from './watch.encode.js';
import { WatchFrameSplitter, type WatchSplitItem } from './watch.frame.js';

const RUNS = { numRuns: 300 };

/** Splits `bytes` at the given (sorted, deduplicated) cut points. */
function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

function run(splitter: WatchFrameSplitter, chunks: Buffer[]): WatchSplitItem[] {
  return chunks.flatMap((c) => splitter.push(c));
}

const address = fc.record({
  manufacturer: fc.constantFrom('SG', '3G', 'CS'),
  deviceId: fc.stringMatching(/^\d{10}$/),
});
const positionInput = fc.record({
  fixTime: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  valid: fc.boolean(),
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  speedKmh: fc.double({ min: 0, max: 300, noNaN: true }),
  course: fc.double({ min: 0, max: 359.9, noNaN: true }),
  altitudeM: fc.double({ min: -400, max: 9000, noNaN: true }),
  satellites: fc.nat(40),
  gsm: fc.nat(100),
  batteryPercent: fc.nat(100),
  steps: fc.nat(100_000),
  rolls: fc.nat(1000),
  status: fc.nat({ max: 0xffffffff }),
});
const frameText = fc.oneof(
  address.map((a) => `[${a.manufacturer}*${a.deviceId}*0002*LK]`),
  fc.tuple(address, fc.constantFrom('UD', 'UD2', 'AL'), positionInput).map(([a, t, p]) => {
    const r = encodeWatchPosition(a, t as 'UD' | 'UD2' | 'AL', p);
    return r.ok ? r.text : '';
  }),
);
/** Junk without brackets: binary-ish bytes a vendor might send between or inside frames. */
const junk = fc
  .uint8Array({ maxLength: 40 })
  .map((a) => Buffer.from(a.filter((b) => b !== 0x5b && b !== 0x5d)));

describe('watch protocol on hostile input', () => {
  it('never throws and holds at most the frame bound, on arbitrary bytes in arbitrary pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        const s = new WatchFrameSplitter({ maxFrameBytes: 128 });
        for (const item of run(s, chunksOf(Buffer.from(bytes), cuts))) {
          expect(s.pendingBytes).toBeLessThanOrEqual(128);
          if (item.ok) {
            expect(item.frame.length).toBeLessThanOrEqual(128);
            const r = decodeWatch(item.frame);
            expect(typeof r.ok).toBe('boolean');
          } else {
            expect(item.raw.length).toBeLessThanOrEqual(512);
          }
        }
        s.end();
      }),
      RUNS,
    );
  });

  it('finds every well-formed frame whatever the chunking and the junk between frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(junk, frameText), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (parts, cuts) => {
          const stream = Buffer.concat(parts.flatMap(([j, f]) => [j, Buffer.from(f)]));
          const s = new WatchFrameSplitter();
          const frames = run(s, chunksOf(stream, cuts)).flatMap((i) => (i.ok ? [i.frame.toString()] : []));
          expect(frames).toEqual(parts.map(([, f]) => f));
        },
      ),
      RUNS,
    );
  });

  it('recovers the next frame after a frame cut short by junk', () => {
    fc.assert(
      fc.property(frameText, frameText, junk, fc.nat(), (a, b, j, cut) => {
        const broken = a.slice(0, 1 + (cut % (a.length - 1))); // '[' … without ']'
        const s = new WatchFrameSplitter();
        const items = s.push(Buffer.concat([Buffer.from(broken), j, Buffer.from(b)]));
        expect(items.flatMap((i) => (i.ok ? [i.frame.toString()] : []))).toEqual([b]);
      }),
      RUNS,
    );
  });

  it('decodes arbitrary and mutated text to a result, never an exception', () => {
    const mutated = fc
      .tuple(frameText, fc.nat(), fc.string({ maxLength: 5 }))
      .map(([f, at, ins]) => f.slice(0, at % f.length) + ins + f.slice(at % f.length));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutated), (text) => {
        const r = decodeWatch(text);
        if (!r.ok) expect(r.error.raw).toBe(text.slice(0, 512));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes what the terminal-side encoder sends', () => {
    fc.assert(
      fc.property(address, fc.constantFrom('UD', 'UD2', 'AL'), positionInput, (a, type, p) => {
        const enc = encodeWatchPosition(a, type as 'UD' | 'UD2' | 'AL', p);
        if (!enc.ok) throw new Error(enc.message);
        const r = decodeWatch(enc.text);
        if (!r.ok || r.message.kind !== 'position') throw new Error(JSON.stringify(r));
        const pos = r.message.position;
        expect(pos.fixTime.getTime()).toBe(Math.floor(p.fixTime.getTime() / 1000) * 1000);
        expect(pos.latitude).toBeCloseTo(p.latitude, 6);
        expect(pos.longitude).toBeCloseTo(p.longitude, 6);
        expect(pos.valid).toBe(p.valid);
        expect(pos.backfill).toBe(type === 'UD2');
        expect(pos.speedKmh).toBeCloseTo(p.speedKmh, 2);
        expect(pos.batteryPercent).toBe(p.batteryPercent);
        expect(pos.attributes.steps).toBe(p.steps);
        expect(r.reply).toBe(type === 'AL' ? `[${a.manufacturer}*${a.deviceId}*0002*AL]` : null);
        expect(parseInt(String(pos.attributes.status), 16)).toBe(p.status);
      }),
      RUNS,
    );
  });
});
