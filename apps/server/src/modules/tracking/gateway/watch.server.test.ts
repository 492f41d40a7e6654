import net from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWatchPosition, type WatchEncoded } from '../protocols/watch/index.js';
import { WatchReplyReader, type WatchReply } from '../simulator/replies.js';
import { startGateways, type Gateways } from './index.js';
import { MemorySink } from './memory-sink.js';

const log = pino({ level: 'silent' });
const AT = new Date('2026-11-28T02:00:00Z');
const ID = '8800000015';
const SG = { manufacturer: 'SG', deviceId: ID };

let sink: MemorySink;
let gw: Gateways;
let socket: net.Socket;
let replies: WatchReply[];

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
  socket = net.connect(gw.ports.watch!, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', r));
  replies = [];
  const reader = new WatchReplyReader();
  socket.on('data', (c) => replies.push(...reader.push(c)));
});
afterEach(async () => {
  socket.destroy();
  await gw.close();
});

async function until(n: number, ms = 2000) {
  const end = Date.now() + ms;
  while (replies.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return replies;
}

function text(e: WatchEncoded): string {
  if (!e.ok) throw new Error(e.message);
  return e.text;
}

const ud = (lat: number, type: 'UD' | 'AL' | 'UD2' = 'UD', alarms: ('sos' | 'fall')[] = []) =>
  text(encodeWatchPosition(SG, type, { fixTime: AT, valid: true, latitude: lat, longitude: 121.45, alarms }));

describe('watch gateway', () => {
  it('LK is answered exactly [SG*ID*0002*LK], UD stored, AL stored and answered', async () => {
    sink.add(ID, 'watch');
    socket.write(`[SG*${ID}*0002*LK]`);
    expect((await until(1)).map((r) => r.raw)).toEqual([`[SG*${ID}*0002*LK]`]);
    socket.write(ud(31.301));
    socket.write(ud(31.302, 'AL', ['sos']));
    const r = await until(2);
    expect(r.map((x) => x.raw)).toEqual([`[SG*${ID}*0002*LK]`, `[SG*${ID}*0002*AL]`]);
    expect(sink.positions.map((p) => p.latitude)).toEqual([31.301, 31.302]);
    expect(sink.positions[1]!.alarms).toEqual(['sos']);
    expect(gw.stats().watch).toMatchObject({ frames: 3, positions: 2, replies: 2 });
  });

  it('LK with steps, rolls and battery, in the 3G dialect: answered with the same MF', async () => {
    socket.write(`[3G*${ID}*000D*LK,1200,3,85]`);
    expect((await until(1))[0]!.raw).toBe(`[3G*${ID}*0002*LK]`);
  });

  it('two frames in one write, one frame across writes', async () => {
    sink.add(ID, 'watch');
    const a = ud(31.31);
    const b = ud(31.32);
    const c = ud(31.33);
    socket.write(a + b + c.slice(0, 20));
    await new Promise((r) => setTimeout(r, 30));
    socket.write(c.slice(20));
    await until(0);
    const end = Date.now() + 2000;
    while (sink.positions.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(sink.positions.map((p) => p.latitude)).toEqual([31.31, 31.32, 31.33]);
  });

  it('unknown device: LK and AL answered, nothing stored', async () => {
    socket.write(`[SG*${ID}*0002*LK]`);
    socket.write(ud(31.3, 'AL', ['fall']));
    socket.write(ud(31.3));
    expect((await until(2)).map((r) => r.type)).toEqual(['LK', 'AL']);
    await new Promise((r) => setTimeout(r, 30));
    expect(sink.positions).toHaveLength(0);
    expect(gw.stats().watch.unknownDeviceFrames).toBe(3);
  });

  it('malformed content still gets the reply it owes; junk is counted; the connection stays usable', async () => {
    sink.add(ID, 'watch');
    socket.write(`hello[SG*${ID}*0005*AL,xx][SG*${ID}*0002*LK`);
    socket.write(`[SG*zz*LK]`);
    socket.write(ud(31.3));
    const r = await until(1);
    expect(r.map((x) => x.raw)).toEqual([`[SG*${ID}*0002*AL]`]);
    const end = Date.now() + 2000;
    while (sink.positions.length < 1 && Date.now() < end) await new Promise((res) => setTimeout(res, 10));
    expect(sink.positions).toHaveLength(1);
    expect(gw.stats().watch.malformed).toMatchObject({
      junk: 1,
      bad_content: 1,
      truncated: 1,
      bad_header: 1,
    });
  });

  it('a failed ingest leaves the AL unanswered (the watch repeats it)', async () => {
    sink.add(ID, 'watch');
    sink.failIngest = true;
    socket.write(ud(31.3, 'AL', ['sos']));
    socket.write(`[SG*${ID}*0002*LK]`);
    expect((await until(1)).map((r) => r.type)).toEqual(['LK']);
    expect(gw.stats().watch.ingestErrors).toBe(1);
  });
});
