import { describe, expect, it } from 'vitest';
import {
  Jt808Reader,
  Jt808Reassembler,
  Jt808Splitter,
  decodeFrame,
  encodeHeartbeat,
  encodeLocation,
  encodeRegister,
  frame,
  fromHex,
  parsePacket,
  respond,
  toHex,
  type Jt808Packet,
  type Jt808Result,
  type SplitEvent,
} from './index.js';

const T2013 = { edition: 2013, phone: '13912345678', serial: 0 } as const;
const FIX = new Date('2024-05-01T02:03:04Z');

const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const frames = (events: SplitEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [toHex(e.bytes)] : []));
const inner = (f: Uint8Array) => toHex(f.subarray(1, f.length - 1));
const types = (rs: Jt808Result[]) => rs.map((r) => (r.ok ? r.message.type : r.error.code));

function seededShuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('Jt808Splitter', () => {
  const a = encodeHeartbeat({ ...T2013, serial: 1 })[0]!;
  const b = encodeLocation({ ...T2013, serial: 2 }, { fixTime: FIX, latitude: 31.2, longitude: 121.4 })[0]!;

  it('skips junk before the first 7E, splits back-to-back frames, joins frames split across reads', () => {
    const stream = concat(fromHex('0102037d'), a, b, a);
    const s = new Jt808Splitter();
    const events = [...stream].flatMap((byte) => s.push(new Uint8Array([byte])));
    expect(events.filter((e) => e.type === 'junk').reduce((n, e) => n + e.bytes, 0)).toBe(4);
    expect(frames(events)).toEqual([inner(a), inner(b), inner(a)]);
    expect(frames(new Jt808Splitter().push(stream))).toEqual([inner(a), inner(b), inner(a)]);
    expect(s.pending).toBe(0);
  });

  it('drops an oversize frame at once, reports it, and resynchronises on the next 7E', () => {
    const s = new Jt808Splitter({ maxFrameBytes: 40 });
    const big = new Uint8Array(100).fill(0x11);
    const events = [
      ...s.push(concat(fromHex('7e'), big.subarray(0, 60))),
      ...s.push(concat(big.subarray(60), a)),
    ];
    expect(events[0]).toEqual({ type: 'oversize', bytes: 60 });
    expect(events.filter((e) => e.type === 'oversize')).toHaveLength(1);
    expect(frames(events)).toEqual([inner(a)]);
    expect(s.pending).toBe(0);
  });

  it('junk between frames comes out as a frame that fails to decode, then decoding carries on', () => {
    const r = new Jt808Reader();
    const out = r.push(concat(a, fromHex('aabbcc7e'), b), 0);
    expect(types(out)).toEqual(['heartbeat', 'truncated', 'location']);
    expect(r.push(fromHex('7e' + 'ff'.repeat(5000)), 0).map((x) => !x.ok && x.error.code)).toEqual([
      'oversize',
    ]);
    expect(types(r.push(a, 0))).toEqual(['heartbeat']);
  });
});

describe('sub-packages', () => {
  const position = {
    fixTime: FIX,
    latitude: 31.225,
    longitude: 121.445,
    speedKmh: 4.5,
    items: [{ id: 0xf0, value: new Uint8Array(40).fill(0x7e) }],
  };

  it('reassemble out of order across a serial wrap; each part is acknowledged, the whole is handed on once', () => {
    const parts = encodeLocation({ ...T2013, serial: 0xfffe, maxPartBody: 16 }, position);
    expect(parts.length).toBe(5);
    const reader = new Jt808Reader();
    const results = seededShuffle(parts, 7).flatMap((p) => reader.push(p, 1000));
    expect(types(results)).toEqual(['fragment', 'fragment', 'fragment', 'fragment', 'fragment', 'location']);
    let serial = 100;
    const acked: number[] = [];
    for (const r of results.slice(0, 5)) {
      const step = respond(r, { serial, authCode: () => 'x' });
      const reply = parsePacket(step.reply!.frame);
      if (!reply.ok) throw new Error('reply does not parse');
      acked.push(Number.parseInt(toHex(reply.packet.body).slice(0, 4), 16));
      expect(step.reply?.result).toBe(0);
      serial = step.nextSerial;
    }
    expect(acked.sort((x, y) => x - y)).toEqual([0, 1, 2, 0xfffe, 0xffff]);
    const last = results[5]!;
    expect(last.ok && last.message.header).toMatchObject({
      serial: 0xfffe,
      subPackage: { total: 5, index: 1 },
    });
    const step = respond(last, { serial, authCode: () => 'x' });
    expect(step.reply).toBeNull();
    expect(step.positions).toHaveLength(1);
    expect(step.positions[0]).toMatchObject({ latitude: 31.225, longitude: 121.445, speedKmh: 4.5 });
    expect(step.positions[0]?.attributes.item_f0).toBe('7e'.repeat(40));
  });

  it('a sub-packaged 2019 register still gets its 0x8100', () => {
    const reg = { province: 31, city: 1, maker: 'M', model: 'X', terminalId: 'T', plateColour: 0, plate: '' };
    const t = { edition: 2019, phone: '13912345678', serial: 5, maxPartBody: 30 } as const;
    const reader = new Jt808Reader();
    const results = encodeRegister(t, reg)
      .reverse()
      .flatMap((p) => reader.push(p, 0));
    const last = results.at(-1)!;
    expect(last.ok && last.message.type).toBe('register');
    const step = respond(last, { serial: 0, authCode: () => 'CODE' });
    expect(step.reply?.msgId).toBe(0x8100);
    expect(step.issuedAuthCode).toBe('CODE');
  });

  const partsOf = (serial: number, maxPartBody = 10): Jt808Packet[] =>
    encodeLocation({ ...T2013, serial, maxPartBody }, position).map((f) => {
      const p = parsePacket(f);
      if (!p.ok) throw new Error(p.error.message);
      return p.packet;
    });

  it('interleaved messages, duplicates, timeout, part and pending limits', () => {
    const ra = new Jt808Reassembler({ timeoutMs: 1000, maxPending: 2, maxParts: 16 });
    const x = partsOf(10);
    const y = partsOf(40);
    const outcomes: string[] = [];
    for (let i = 0; i < x.length; i++) {
      outcomes.push(ra.push(x[i]!, 0).status, ra.push(y[i]!, 0).status);
      if (i === 0) expect(ra.push(x[0]!, 0).status).toBe('pending'); // a retransmitted part
    }
    expect(outcomes.filter((s) => s === 'complete')).toHaveLength(2);
    expect(ra.pendingMessages).toBe(0);

    ra.push(x[0]!, 0);
    expect(ra.expire(1001)).toBe(1);
    expect(ra.push(x[1]!, 1002).status).toBe('pending');
    ra.push(partsOf(200)[0]!, 1003);
    ra.push(partsOf(300)[0]!, 1004); // third pending message: the oldest is dropped
    expect(ra.pendingMessages).toBe(2);
    expect(ra.dropped).toBe(2);

    const small = new Jt808Reassembler({ maxParts: 3 });
    const r = small.push(x[0]!, 0);
    if (r.status !== 'error') throw new Error('expected an error');
    expect(r.error.code).toBe('reassembly');
    expect(respond({ ok: false, error: r.error }, { serial: 0, authCode: () => '' }).reply?.result).toBe(2);
  });

  it('a bad sub-package index is a typed error with the header', () => {
    const p = partsOf(0)[0]!;
    const bad = new Jt808Reassembler().push(
      { ...p, header: { ...p.header, subPackage: { total: 2, index: 3 } } },
      0,
    );
    expect(bad.status === 'error' && bad.error.code).toBe('bad_value');
    // 0x0200, sub-packaged, part 0 of 2: index counts from 1
    const res = decodeFrame(
      frame(fromHex('0200' + '2002' + '013912345678' + '0001' + '0002' + '0000' + 'aabb')),
    );
    expect(!res.ok && res.error).toMatchObject({
      code: 'bad_value',
      header: { subPackage: { total: 2, index: 0 } },
    });
  });
});
