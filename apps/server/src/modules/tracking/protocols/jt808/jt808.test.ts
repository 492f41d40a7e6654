import { describe, expect, it } from 'vitest';
import {
  Jt808SerialCounter,
  decodeFrame,
  encodeAuthenticate,
  encodeBatch,
  encodeHeartbeat,
  encodeLocation,
  encodeLogout,
  encodePlatformResponse,
  encodeRegister,
  encodeRegisterResponse,
  encodeTerminalResponse,
  frame,
  fromHex,
  parsePacket,
  respond,
  toHex,
  type Jt808Edition,
  type Jt808Header,
  type Jt808Message,
  type Jt808Result,
  type Jt808SessionContext,
  type Jt808TerminalOptions,
} from './index.js';

/** The public test vectors of TRACKING.md. */
const V = {
  auth2013: '7E0102000E013511221122000661757468656E7469636174696F6E3F7E',
  heartbeat: '7e0002001105805668746700265d102815000501006404000020d06501001d7e',
  heartbeatReply: '7e8001000505805668746700000026000200087e',
  general: '7E80010005012345678900000A0064020000617E',
  registerOk: '7E81000009012345678900000A006400313233343536687E',
  registerNo: '7E81000003012345678900000A006404617E',
  register2019:
    '7E010040540100000000000123456789000A002800323132333400000000000000736D616C6C6368693132330000000000000000000000' +
    '000000000000000043484931323300000000000000000000000000000000000000000000000001D4C1413132333435B27E',
};

const hex = (b: Uint8Array) => toHex(b).toUpperCase();
const ctx = (serial = 0): Jt808SessionContext => ({ serial, authCode: () => 'AUTH-1' });

function ok(result: Jt808Result): Jt808Message {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.message;
}
function as<T extends Jt808Message['type']>(m: Jt808Message, type: T): Extract<Jt808Message, { type: T }> {
  expect(m.type).toBe(type);
  return m as Extract<Jt808Message, { type: T }>;
}
function one(frames: Uint8Array[]): Uint8Array {
  expect(frames).toHaveLength(1);
  return frames[0]!;
}
function headerOf(v: string): Jt808Header {
  const p = parsePacket(fromHex(v));
  if (!p.ok) throw new Error(p.error.message);
  return p.packet.header;
}

describe('JT/T 808 public test vectors', () => {
  it('decodes the 2013 authenticate and re-encodes it byte for byte', () => {
    const m = as(ok(decodeFrame(fromHex(V.auth2013))), 'authenticate');
    expect(m.header).toMatchObject({ msgId: 0x0102, edition: 2013, phone: '013511221122', serial: 6 });
    expect(m.header.uniqueId).toBe('13511221122');
    expect(m.code).toBe('authentication');
    expect(m.imei).toBeNull();
    const t = { edition: 2013, phone: '013511221122', serial: 6 } as const;
    expect(hex(one(encodeAuthenticate(t, { code: 'authentication' })))).toBe(V.auth2013.toUpperCase());
  });

  it('decodes the heartbeat with a vendor body and answers exactly like the real platform', () => {
    const result = decodeFrame(fromHex(V.heartbeat));
    const m = as(ok(result), 'heartbeat');
    expect(m.header).toMatchObject({
      phone: '058056687467',
      uniqueId: '58056687467',
      serial: 0x26,
      bodyLength: 17,
    });
    expect(m.extraHex).toBe('5d102815000501006404000020d0650100');
    const s = respond(result, ctx(0));
    expect(hex(s.reply!.frame)).toBe(V.heartbeatReply.toUpperCase());
    expect(s.nextSerial).toBe(1);
    const t = { edition: 2013, phone: '058056687467', serial: 0x26 } as const;
    expect(hex(one(encodeHeartbeat(t, fromHex(m.extraHex))))).toBe(V.heartbeat.toUpperCase());
  });

  it('encodes the 0x8001 vector (acknowledging serial 100 of 0x0200)', () => {
    const to = { ...headerOf(V.general), msgId: 0x0200, serial: 100 };
    expect(hex(encodePlatformResponse(to, 10, 0))).toBe(V.general);
    const reply = parsePacket(fromHex(V.general));
    expect(reply.ok && toHex(reply.packet.body)).toBe('0064020000');
  });

  it('encodes both 0x8100 vectors (the auth code only with result 0)', () => {
    const to = { ...headerOf(V.registerOk), msgId: 0x0100, serial: 100 };
    expect(hex(encodeRegisterResponse(to, 10, 0, '123456'))).toBe(V.registerOk);
    expect(hex(encodeRegisterResponse(to, 10, 4, 'ignored'))).toBe(V.registerNo);
  });

  it('decodes the 2019 register with a GBK plate and re-encodes it byte for byte', () => {
    const m = as(ok(decodeFrame(fromHex(V.register2019))), 'register');
    expect(m.header).toMatchObject({
      edition: 2019,
      protocolVersion: 1,
      phone: '00000000000123456789',
      uniqueId: '123456789',
      serial: 10,
      bodyLength: 84,
    });
    expect(m).toMatchObject({
      province: 40,
      city: 50,
      maker: '1234',
      model: 'smallchi123',
      terminalId: 'CHI123',
      plateColour: 1,
      plate: '粤A12345',
    });
    const t = { edition: 2019, phone: '00000000000123456789', serial: 10 } as const;
    expect(hex(one(encodeRegister(t, m)))).toBe(V.register2019);
    const s = respond({ ok: true, message: m }, { serial: 7, authCode: () => '123456' });
    expect(s.reply?.msgId).toBe(0x8100);
    expect(s.issuedAuthCode).toBe('123456');
    const back = parsePacket(s.reply!.frame);
    expect(back.ok && back.packet.header).toMatchObject({
      edition: 2019,
      phone: '00000000000123456789',
      serial: 7,
    });
    expect(back.ok && toHex(back.packet.body)).toBe('000a00' + Buffer.from('123456').toString('hex'));
  });
});

const FIX = new Date('2024-03-01T17:30:05Z'); // 2024-03-02 01:30:05 in GMT+8

describe.each<Jt808Edition>([2013, 2019])('round trips, %i edition', (edition) => {
  const phone = edition === 2013 ? '013912345678' : '00000000013912345678';
  const t: Jt808TerminalOptions = { edition, phone, serial: 0xfffe };
  const roundTrip = (frames: Uint8Array[]) => {
    const m = ok(decodeFrame(one(frames)));
    expect(m.header).toMatchObject({
      edition,
      phone,
      uniqueId: '13912345678',
      serial: 0xfffe,
      subPackage: null,
    });
    return m;
  };

  it('0x0001 terminal response', () => {
    const m = as(
      roundTrip(encodeTerminalResponse(t, { replySerial: 65535, replyId: 0x8103, result: 1 })),
      'terminal_response',
    );
    expect(m).toMatchObject({ replySerial: 65535, replyId: 0x8103, result: 1 });
    expect(respond({ ok: true, message: m }, ctx(3))).toMatchObject({ reply: null, nextSerial: 3 });
  });

  it('0x0002 heartbeat (empty) and 0x0003 logout', () => {
    expect(as(roundTrip(encodeHeartbeat(t)), 'heartbeat').extraHex).toBe('');
    as(roundTrip(encodeLogout(t)), 'logout');
  });

  it('0x0100 register with padding trimmed and a GBK plate', () => {
    const reg = {
      province: 31,
      city: 106,
      maker: 'JL',
      model: 'W1',
      terminalId: '00A7',
      plateColour: 0,
      plate: '沪B·静邻',
    };
    const m = as(roundTrip(encodeRegister(t, reg)), 'register');
    expect(m).toMatchObject({ ...reg, terminalId: 'A7' });
  });

  it('0x0102 authenticate', () => {
    const a = { code: 'c0de-7E}~', imei: '860123456789012', softwareVersion: 'v2.1' };
    const m = as(roundTrip(encodeAuthenticate(t, a)), 'authenticate');
    if (edition === 2019) expect(m).toMatchObject(a);
    else expect(m).toMatchObject({ code: a.code, imei: null, softwareVersion: null });
  });

  it('0x0200 location with south/west, alarms and items', () => {
    const input = {
      fixTime: FIX,
      latitude: -33.856784,
      longitude: -70.123456,
      altitudeM: -12,
      speedKmh: 12.3,
      course: 359,
      satellites: 9,
      batteryPercent: 64,
      signal: 27,
      mileageKm: 1234.5,
      alarms: ['sos', 'low_battery', 'power_off', 'geofence', 'overspeed'] as const,
      items: [{ id: 0xe1, value: fromHex('7e7d00') }],
    };
    const m = as(roundTrip(encodeLocation(t, { ...input, alarms: [...input.alarms] })), 'location');
    expect(m.position).toMatchObject({
      protocol: 'jt808',
      uniqueId: '13912345678',
      valid: true,
      latitude: -33.856784,
      longitude: -70.123456,
      altitudeM: -12,
      speedKmh: 12.3,
      course: 359,
      satellites: 9,
      batteryPercent: 64,
      backfill: false,
    });
    expect(m.position.fixTime.toISOString()).toBe(FIX.toISOString());
    expect([...m.position.alarms].sort()).toEqual([...input.alarms].sort());
    expect(m.position.attributes).toMatchObject({
      signal: 27,
      mileageKm: 1234.5,
      item_e1: '7e7d00',
      item_06: '40',
    });
    expect(m.statusBits & 0b1110).toBe(0b1110);
    const s = respond({ ok: true, message: m }, ctx(9));
    expect(s.positions).toEqual([m.position]);
    expect(s.reply?.result).toBe(0);
  });

  it('0x0704 batch, normal and back-fill', () => {
    const ps = [0, 1, 2].map((i) => ({
      fixTime: new Date(FIX.getTime() + i * 60_000),
      latitude: 31.2 + i / 1000,
      longitude: 121.4,
    }));
    for (const backfill of [false, true]) {
      const m = as(roundTrip(encodeBatch(t, ps, { backfill })), 'batch');
      expect(m).toMatchObject({ batchType: backfill ? 1 : 0, count: 3, rejected: [] });
      expect(m.positions.map((p) => [p.latitude, p.fixTime.getTime(), p.backfill])).toEqual(
        ps.map((p) => [Math.round(p.latitude * 1e6) / 1e6, p.fixTime.getTime(), backfill]),
      );
      expect(respond({ ok: true, message: m }, ctx()).positions).toHaveLength(3);
    }
  });
});

/** A 2013 0x0200 frame from a hand-written body (not from our encoder). */
function locationFrame(bodyHex: string, msgId = '0200'): Uint8Array {
  const body = fromHex(bodyHex);
  const head = fromHex(msgId + body.length.toString(16).padStart(4, '0') + '013912345678' + '0007');
  const content = new Uint8Array([...head, ...body]);
  let x = 0;
  for (const b of content) x ^= b;
  const framed = [0x7e];
  for (const b of [...content, x]) framed.push(...(b === 0x7e ? [0x7d, 2] : b === 0x7d ? [0x7d, 1] : [b]));
  framed.push(0x7e);
  return new Uint8Array(framed);
}

describe('0x0200 from hand-written bytes', () => {
  const fixed = (time: string) =>
    '10000081' + // alarm: SOS (0), low battery (7), illegal displacement (28)
    '0008000E' + // status: fix valid, south, west, BeiDou
    '01DC8A90' + // 31.230608
    '073D9F65' + // 121.479013
    '0010' +
    '01F4' +
    '005A' +
    time;

  it('reads every field, converts GMT+8 midnight to the previous UTC day (and year)', () => {
    const items = '0104000000643001' + '1F' + '3101' + '0C' + '060155' + '120601000000070' + '1' + 'E102ABCD';
    const m = as(ok(decodeFrame(locationFrame(fixed('240101003000') + items))), 'location');
    expect(m.position.fixTime.toISOString()).toBe('2023-12-31T16:30:00.000Z');
    expect(m.position).toMatchObject({
      latitude: -31.230608,
      longitude: -121.479013,
      altitudeM: 16,
      speedKmh: 50,
      course: 90,
      satellites: 12,
      batteryPercent: 85,
      valid: true,
      alarms: ['sos', 'low_battery'],
    });
    expect(m.position.attributes).toEqual({
      alarm: 0x10000081,
      status: 0x0008000e,
      gnss: 'beidou',
      mileageKm: 10,
      signal: 31,
      item_06: '55',
      areaType: 1,
      areaId: 7,
      areaDirection: 'out',
      item_e1: 'abcd',
    });
  });

  it('rejects an impossible date and keeps a truncated item list raw', () => {
    const bad = decodeFrame(locationFrame(fixed('230229120000')));
    expect(!bad.ok && bad.error).toMatchObject({ code: 'bad_value', header: { msgId: 0x0200, serial: 7 } });
    const m = as(ok(decodeFrame(locationFrame(fixed('240229235959') + '3102AA'))), 'location');
    expect(m.position.fixTime.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    expect(m.position.attributes.malformedItems).toBe('3102aa');
    const short = decodeFrame(locationFrame(fixed('2402292359')));
    expect(!short.ok && short.error.code).toBe('truncated');
  });

  it('a batch keeps the good items and lists the bad ones', () => {
    const good = fixed('240101003000');
    const bad = fixed('241301003000');
    const body = '0003' + '01' + '001C' + good + '001C' + bad + '001C' + good;
    const m = as(ok(decodeFrame(locationFrame(body, '0704'))), 'batch');
    expect(m.positions.map((p) => p.backfill)).toEqual([true, true]);
    expect(m.rejected.map((e) => e.code)).toEqual(['bad_value']);
  });
});

describe('malformed frames and the replies they get', () => {
  const hb = fromHex(V.heartbeat);

  it('bad checksum → header kept, 0x8001 result 2', () => {
    const bad = hb.slice();
    bad[bad.length - 2] = 0xff - (bad[bad.length - 2] ?? 0);
    const r = decodeFrame(bad);
    expect(!r.ok && r.error).toMatchObject({ code: 'bad_checksum', header: { serial: 0x26 } });
    const s = respond(r, ctx(5));
    expect(hex(s.reply!.frame)).toBe('7E80010005058056687467000500260002020F7E'.toUpperCase());
  });

  it('body length differing from the header → bad_length', () => {
    const e = decodeFrame(frame(fromHex('000200020139123456780001AA')));
    expect(!e.ok && e.error).toMatchObject({ code: 'bad_length', header: { bodyLength: 2 } });
  });

  it('bad escape, truncated header, non-BCD phone, unsupported id, encryption', () => {
    const esc = decodeFrame(fromHex('7E0002000001391234567800017D03007E'));
    expect(!esc.ok && esc.error).toMatchObject({ code: 'bad_escape', header: { msgId: 2, serial: 1 } });
    const trunc = decodeFrame(fromHex('7E000200007E'));
    expect(!trunc.ok && trunc.error).toMatchObject({ code: 'truncated', header: null });
    expect(respond(trunc, ctx(4))).toMatchObject({ reply: null, nextSerial: 4 });
    const bcd = decodeFrame(fromHex('7E00020000013912345A78000100' + '7E'));
    expect(!bcd.ok && bcd.error).toMatchObject({ code: 'bad_value', header: null });
    const u = decodeFrame(frame(fromHex('09020001013912345678000301')));
    expect(!u.ok && u.error).toMatchObject({ code: 'unsupported', header: { msgId: 0x0902 } });
    expect(respond(u, ctx()).reply?.result).toBe(3);
    const ee = decodeFrame(frame(fromHex('000204000139123456780003'))); // body properties bit 10: RSA
    expect(!ee.ok && ee.error.code).toBe('unsupported');
  });

  it('the platform serial counter and the session serial wrap at 0xFFFF', () => {
    const c = new Jt808SerialCounter(0xfffe);
    expect([c.next(), c.next(), c.next()]).toEqual([0xfffe, 0xffff, 0]);
    const s = respond(decodeFrame(fromHex(V.auth2013)), ctx(0xffff));
    expect(s.nextSerial).toBe(0);
    expect(
      respond(decodeFrame(fromHex(V.auth2013)), { ...ctx(), checkAuth: () => false }).reply?.result,
    ).toBe(1);
    const refused = respond(decodeFrame(fromHex(V.register2019)), {
      serial: 1,
      authCode: () => ({ result: 3 }),
    });
    expect(refused).toMatchObject({ reply: { msgId: 0x8100, result: 3 }, issuedAuthCode: null });
  });
});
