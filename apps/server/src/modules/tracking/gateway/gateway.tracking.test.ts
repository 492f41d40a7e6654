/** The gateways in front of the real tracking sink (trackingOf(p).sink) on this file's database. */
import net from 'node:net';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/access/actor.js';
import { encodeAuthenticate, encodeLocation, encodeRegister } from '../protocols/jt808/index.js';
import { PlatformReplyReader, type PlatformReply } from '../simulator/replies.js';
import { trackingOf } from '../tracking.module.js';
import { alerts, positions } from '../tracking.tables.js';
import { startGateways, type Gateways } from './index.js';

let t: TestEnv;
let gw: Gateways;

beforeAll(async () => {
  t = await createTestEnv();
  gw = await startGateways({
    host: '127.0.0.1',
    jt808Port: 0,
    watchPort: 0,
    listenOnFreePort: true,
    sink: trackingOf(t.p).sink,
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await gw.close();
  await t.close();
});

it('JT/T 808 register → authenticate → SOS location: stored and an sos alert raised', async () => {
  const device = (await trackingOf(t.p).service.createDevice(systemActor(), {
    uniqueId: '13912340000',
    protocol: 'jt808',
    model: 'test',
  })) as { id: string };
  const socket = net.connect(gw.ports.jt808!, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', r));
  const replies: PlatformReply[] = [];
  const reader = new PlatformReplyReader();
  socket.on('data', (c) => replies.push(...reader.push(c)));
  const until = async (n: number) => {
    const end = Date.now() + 10_000;
    while (replies.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return replies;
  };
  const term = (serial: number) => ({ edition: 2019 as const, phone: '13912340000', serial });
  const REG = {
    province: 31,
    city: 6,
    maker: 'JL',
    model: 'W1',
    terminalId: 'T1',
    plateColour: 0,
    plate: '',
  };
  socket.write(Buffer.concat(encodeRegister(term(0), REG)));
  const [reg] = await until(1);
  expect(reg).toMatchObject({ msgId: 0x8100, result: 0 });
  socket.write(Buffer.concat(encodeAuthenticate(term(1), { code: reg!.authCode! })));
  expect((await until(2))[1]).toMatchObject({ replyId: 0x0102, result: 0 });
  const fixTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 5000);
  socket.write(
    Buffer.concat(
      encodeLocation(term(2), {
        fixTime,
        latitude: 31.3,
        longitude: 121.45,
        alarms: ['sos'],
        batteryPercent: 70,
      }),
    ),
  );
  expect((await until(3))[2]).toMatchObject({ replyId: 0x0200, result: 0 });
  socket.destroy();
  const db = t.p.database.db;
  const stored = await db.select().from(positions).where(eq(positions.deviceId, device.id));
  expect(stored).toHaveLength(1);
  expect(stored[0]!.fixTime.toISOString()).toBe(fixTime.toISOString());
  const raised = await db.select().from(alerts).where(eq(alerts.deviceId, device.id));
  expect(raised.map((a) => a.type)).toContain('sos');
});
