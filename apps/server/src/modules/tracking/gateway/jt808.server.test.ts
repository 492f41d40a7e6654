import net from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encodeAuthenticate,
  encodeBatch,
  encodeHeartbeat,
  encodeLocation,
  encodeRegister,
  fromHex,
  type Jt808Edition,
  type Jt808TerminalOptions,
} from '../protocols/jt808/index.js';
import { PlatformReplyReader, type PlatformReply } from '../simulator/replies.js';
import { startGateways, type Gateways } from './index.js';
import { MemorySink } from './memory-sink.js';

const log = pino({ level: 'silent' });
const REG = { province: 31, city: 6, maker: 'JL', model: 'W1', terminalId: 'T1', plateColour: 0, plate: '' };
const AT = new Date('2026-11-28T02:00:00Z');

class Client {
  readonly replies: PlatformReply[] = [];
  private readonly reader = new PlatformReplyReader();
  private waiters: (() => void)[] = [];
  closed = false;
  constructor(readonly socket: net.Socket) {
    socket.on('data', (c) => {
      this.replies.push(...this.reader.push(c));
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(port: number): Promise<Client> {
    const s = net.connect(port, '127.0.0.1');
    await new Promise<void>((r, j) => s.once('connect', r).once('error', j));
    return new Client(s);
  }
  send(frames: Uint8Array | Uint8Array[]) {
    this.socket.write(Buffer.concat((Array.isArray(frames) ? frames : [frames]).map((f) => Buffer.from(f))));
  }
  /** Waits until `n` replies arrived in total. */
  async until(n: number, ms = 3000): Promise<PlatformReply[]> {
    const end = Date.now() + ms;
    while (this.replies.length < n && !this.closed && Date.now() < end) {
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.replies;
  }
  end() {
    this.socket.destroy();
  }
}

let sink: MemorySink;
let gw: Gateways;
let clients: Client[];

beforeEach(async () => {
  sink = new MemorySink();
  gw = await startGateways({
    host: '127.0.0.1',
    jt808Port: 0,
    watchPort: 0,
    listenOnFreePort: true,
    sink,
    log,
  });
  clients = [];
});
afterEach(async () => {
  for (const c of clients) c.end();
  await gw.close();
});

async function client() {
  const c = await Client.open(gw.ports.jt808!);
  clients.push(c);
  return c;
}

/**
 * Authenticates a terminal on the connection (positions of an unauthenticated terminal are not
 * stored), with a serial of its own, and forgets the reply so tests count theirs from zero.
 */
async function login(c: Client, edition: Jt808Edition, phone: string) {
  const uniqueId = phone.replace(/^0+/, '');
  sink.codes.set(uniqueId, 'CODE-' + uniqueId);
  const before = c.replies.length;
  c.send(encodeAuthenticate({ edition, phone, serial: 0xfff0 }, { code: 'CODE-' + uniqueId }));
  const replies = await c.until(before + 1);
  expect(replies[before]).toMatchObject({ replyId: 0x0102, result: 0 });
  c.replies.splice(before, 1);
}

function terminal(edition: Jt808Edition, phone: string) {
  let serial = 0;
  return (extra: Partial<Jt808TerminalOptions> = {}): Jt808TerminalOptions => ({
    edition,
    phone,
    serial: serial++,
    ...extra,
  });
}

describe.each([2013, 2019] as const)('JT/T 808 gateway, %i edition', (edition) => {
  it('register → 0x8100 with a code, authenticate → 0x8001, location → stored then 0x8001', async () => {
    const phone = edition === 2013 ? '013912345678' : '00000000013912345678';
    sink.add('13912345678', 'jt808');
    const t = terminal(edition, phone);
    const c = await client();
    c.send(encodeRegister(t(), REG));
    const [reg] = await c.until(1);
    expect(reg).toMatchObject({ msgId: 0x8100, result: 0, replySerial: 0, edition });
    expect(reg!.authCode).toBe(sink.codes.get('13912345678'));

    c.send(
      encodeAuthenticate(t(), { code: reg!.authCode!, imei: '860000000000001', softwareVersion: '1.0' }),
    );
    const [, auth] = await c.until(2);
    expect(auth).toMatchObject({ msgId: 0x8001, replyId: 0x0102, replySerial: 1, result: 0 });

    c.send(encodeLocation(t(), { fixTime: AT, latitude: 31.3012, longitude: 121.4501, batteryPercent: 80 }));
    const [, , loc] = await c.until(3);
    expect(loc).toMatchObject({ msgId: 0x8001, replyId: 0x0200, replySerial: 2, result: 0 });
    expect(sink.positions).toHaveLength(1);
    expect(sink.positions[0]).toMatchObject({
      uniqueId: '13912345678',
      latitude: 31.3012,
      longitude: 121.4501,
      batteryPercent: 80,
    });
    expect(sink.positions[0]!.fixTime.toISOString()).toBe(AT.toISOString());
    expect(sink.seenIds).toContain('dev-jt808-13912345678');
    expect(gw.stats().jt808).toMatchObject({ frames: 3, positions: 1, replies: 3, connectionsOpen: 1 });
  });

  it('a wrong auth code is answered 0x8001 result 1', async () => {
    sink.add('13900000001', 'jt808');
    const c = await client();
    c.send(encodeAuthenticate(terminal(edition, '13900000001')(), { code: 'nope' }));
    const [r] = await c.until(1);
    expect(r).toMatchObject({ msgId: 0x8001, replyId: 0x0102, result: 1 });
  });

  it('batch upload: every position stored, one 0x8001', async () => {
    sink.add('13900000002', 'jt808');
    const t = terminal(edition, '13900000002');
    const c = await client();
    await login(c, edition, '13900000002');
    const pts = [0, 1, 2].map((i) => ({
      fixTime: new Date(AT.getTime() + i * 1000),
      latitude: 31.3 + i / 1000,
      longitude: 121.45,
    }));
    c.send(encodeBatch(t(), pts, { backfill: true }));
    const [r] = await c.until(1);
    expect(r).toMatchObject({ msgId: 0x8001, replyId: 0x0704, result: 0 });
    expect(sink.positions.map((p) => p.latitude)).toEqual([31.3, 31.301, 31.302]);
    expect(sink.positions.every((p) => p.backfill)).toBe(true);
  });

  it('sub-packages: each part answered, the whole batch stored once', async () => {
    sink.add('13900000003', 'jt808');
    const c = await client();
    await login(c, edition, '13900000003');
    const pts = Array.from({ length: 6 }, (_, i) => ({
      fixTime: new Date(AT.getTime() + i * 1000),
      latitude: 31.3,
      longitude: 121.45 + i / 1000,
    }));
    const frames = encodeBatch({ edition, phone: '13900000003', serial: 40, maxPartBody: 60 }, pts);
    expect(frames.length).toBeGreaterThan(1);
    // out of order, across writes
    c.send(frames.slice().reverse());
    const replies = await c.until(frames.length);
    expect(replies).toHaveLength(frames.length);
    expect(replies.every((r) => r.msgId === 0x8001 && r.replyId === 0x0704 && r.result === 0)).toBe(true);
    expect(sink.positions).toHaveLength(6);
  });
});

describe('JT/T 808 gateway, bad input and edge cases', () => {
  it('the test-vector heartbeat with a vendor body gets the platform reply of the reference', async () => {
    const c = await client();
    c.send(fromHex('7e0002001105805668746700265d102815000501006404000020d06501001d7e'));
    const [r] = await c.until(1);
    expect(r).toMatchObject({ msgId: 0x8001, replySerial: 0x26, replyId: 0x0002, result: 0 });
  });

  it('a bad checksum is answered 0x8001 result 2, counted, and the connection stays usable', async () => {
    sink.add('13900000004', 'jt808');
    const t = terminal(2013, '13900000004');
    const c = await client();
    await login(c, 2013, '13900000004');
    const bad = Buffer.from(encodeHeartbeat(t())[0]!);
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 0x55; // the checksum byte (no escape needed here)
    c.send(bad);
    c.send(encodeLocation(t(), { fixTime: AT, latitude: 31.3, longitude: 121.45 }));
    const [first, second] = await c.until(2);
    expect(first).toMatchObject({ msgId: 0x8001, replyId: 0x0002, replySerial: 0, result: 2 });
    expect(second).toMatchObject({ replyId: 0x0200, result: 0 });
    expect(sink.positions).toHaveLength(1);
    expect(gw.stats().jt808.malformed).toEqual({ bad_checksum: 1 });
  });

  it('garbage, oversize frames and abrupt closes never kill the server', async () => {
    const c1 = await client();
    c1.send(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    c1.send(Buffer.concat([Buffer.from([0x7e]), Buffer.alloc(5000, 0x41), Buffer.from([0x7e])]));
    c1.send(Buffer.from([0x7e, 0x7d, 0x7e, 0x00, 0x7e]));
    c1.end();
    sink.add('13900000005', 'jt808');
    const c2 = await client();
    c2.send(encodeHeartbeat(terminal(2019, '13900000005')()));
    const [r] = await c2.until(1);
    expect(r).toMatchObject({ replyId: 0x0002, result: 0 });
    const m = gw.stats().jt808.malformed;
    expect(m.oversize).toBe(1);
    expect(Object.values(m).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });

  it('unknown devices: register refused (4), location answered but not stored', async () => {
    const t = terminal(2013, '13911111111');
    const c = await client();
    c.send(encodeRegister(t(), REG));
    c.send(encodeLocation(t(), { fixTime: AT, latitude: 31.3, longitude: 121.45 }));
    const [reg, loc] = await c.until(2);
    expect(reg).toMatchObject({ msgId: 0x8100, result: 4, authCode: null });
    // An unknown terminal cannot have authenticated: its location is refused (result 1), not stored.
    expect(loc).toMatchObject({ msgId: 0x8001, replyId: 0x0200, result: 1 });
    expect(sink.positions).toHaveLength(0);
    expect(gw.stats().jt808.unauthenticatedFrames).toBe(1);
  });

  it('positions of a terminal not authenticated on this connection: answered result 1, counted, not stored', async () => {
    sink.add('13900000010', 'jt808');
    sink.add('13900000011', 'jt808');
    const t = terminal(2019, '13900000010');
    const c = await client();
    const fix = { fixTime: AT, latitude: 31.3, longitude: 121.45 };
    c.send(encodeLocation(t(), fix));
    c.send(encodeBatch(t(), [fix, { ...fix, fixTime: new Date(AT.getTime() + 1000) }]));
    c.send(encodeHeartbeat(t()));
    const parts = encodeBatch(
      { edition: 2019, phone: '13900000010', serial: 60, maxPartBody: 60 },
      [0, 1, 2, 3, 4, 5].map((i) => ({ ...fix, fixTime: new Date(AT.getTime() + i * 1000) })),
    );
    c.send(parts);
    const replies = await c.until(3 + parts.length);
    expect(replies.slice(0, 3)).toMatchObject([
      { replyId: 0x0200, result: 1 },
      { replyId: 0x0704, result: 1 },
      { replyId: 0x0002, result: 0 },
    ]);
    expect(replies.slice(3).every((r) => r.replyId === 0x0704 && r.result === 1)).toBe(true);
    expect(sink.positions).toHaveLength(0);
    expect(gw.stats().jt808.unauthenticatedFrames).toBe(2 + parts.length);

    // Another terminal authenticating on the connection does not admit this one; a failed code neither.
    await login(c, 2019, '13900000011');
    c.send(encodeAuthenticate(t(), { code: 'wrong' }));
    c.send(encodeLocation(t(), fix));
    const [, , , , , ...more] = await c.until(5 + parts.length);
    void more;
    const last = c.replies.slice(-2);
    expect(last).toMatchObject([
      { replyId: 0x0102, result: 1 },
      { replyId: 0x0200, result: 1 },
    ]);
    expect(sink.positions).toHaveLength(0);

    // Once it authenticates, its positions are stored; on a new connection it must authenticate again.
    await login(c, 2019, '13900000010');
    c.send(encodeLocation(t(), fix));
    await c.until(c.replies.length + 1);
    expect(c.replies.at(-1)).toMatchObject({ replyId: 0x0200, result: 0 });
    expect(sink.positions).toHaveLength(1);
    const c2 = await client();
    c2.send(encodeLocation(t(), fix));
    const [r2] = await c2.until(1);
    expect(r2).toMatchObject({ replyId: 0x0200, result: 1 });
    expect(sink.positions).toHaveLength(1);
  });

  it('two frames in one write and one frame across writes, answered in order', async () => {
    sink.add('13900000006', 'jt808');
    const t = terminal(2013, '13900000006');
    const c = await client();
    await login(c, 2013, '13900000006');
    const a = encodeLocation(t(), { fixTime: AT, latitude: 31.31, longitude: 121.45 })[0]!;
    const b = encodeLocation(t(), { fixTime: AT, latitude: 31.32, longitude: 121.45 })[0]!;
    const d = encodeLocation(t(), { fixTime: AT, latitude: 31.33, longitude: 121.45 })[0]!;
    c.send([a, b, d.subarray(0, 7)]);
    await new Promise((r) => setTimeout(r, 30));
    c.send(d.subarray(7));
    const replies = await c.until(3);
    expect(replies.map((r) => r.replySerial)).toEqual([0, 1, 2]);
    expect(sink.positions.map((p) => p.latitude)).toEqual([31.31, 31.32, 31.33]);
  });

  it('a slow sink: reading pauses, order is kept, every frame answered', async () => {
    sink.add('13900000007', 'jt808');
    sink.ingestDelayMs = 20;
    const t = terminal(2019, '13900000007');
    const c = await client();
    await login(c, 2019, '13900000007');
    const frames = Array.from({ length: 10 }, (_, i) =>
      encodeLocation(t(), { fixTime: AT, latitude: 31.3 + i / 100, longitude: 121.45 }),
    ).flat();
    for (const f of frames) c.send(f);
    const replies = await c.until(10);
    expect(replies.map((r) => r.replySerial)).toEqual([...Array(10).keys()]);
    expect(sink.positions.map((p) => Math.round(p.latitude * 100))).toEqual(
      [...Array(10).keys()].map((i) => 3130 + i),
    );
  });

  it('a failed ingest is answered 0x8001 result 1 (the terminal resends)', async () => {
    sink.add('13900000008', 'jt808');
    sink.failIngest = true;
    const c = await client();
    await login(c, 2013, '13900000008');
    c.send(
      encodeLocation(terminal(2013, '13900000008')(), { fixTime: AT, latitude: 31.3, longitude: 121.45 }),
    );
    const [r] = await c.until(1);
    expect(r).toMatchObject({ replyId: 0x0200, result: 1 });
    expect(gw.stats().jt808.ingestErrors).toBe(1);
  });

  it('idle connections are closed; close() ends open connections', async () => {
    await gw.close();
    gw = await startGateways({
      host: '127.0.0.1',
      jt808Port: 0,
      watchPort: 0,
      listenOnFreePort: true,
      sink,
      log,
      idleTimeoutMs: 100,
    });
    const c = await client();
    await c.until(1, 1000);
    expect(c.closed).toBe(true);
    expect(gw.stats().jt808.idleTimeouts).toBe(1);
    const d = await client();
    await gw.close();
    await d.until(1, 1000);
    expect(d.closed).toBe(true);
  });

  it('port 0 without listenOnFreePort means off', async () => {
    const off = await startGateways({ host: '127.0.0.1', jt808Port: 0, watchPort: 0, sink, log });
    expect(off.ports).toEqual({ jt808: null, watch: null });
    await off.close();
  });

  it('refuses connections beyond the maximum', async () => {
    await gw.close();
    gw = await startGateways({
      host: '127.0.0.1',
      jt808Port: 0,
      watchPort: 0,
      listenOnFreePort: true,
      sink,
      log,
      maxConnections: 1,
    });
    await client();
    const second = await client();
    await second.until(1, 1000);
    expect(second.closed).toBe(true);
    expect(gw.stats().jt808.connectionsRejected).toBe(1);
  });
});
