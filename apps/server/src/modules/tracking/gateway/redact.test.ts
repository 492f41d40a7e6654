/**
 * TRUST.md: logs carry ids, never phone numbers. A JT/T 808 terminal's id is its SIM phone (BCD in
 * every header) and a watch's id may be one: the gateways' warn/error lines are captured and
 * searched for the digits in every form they could take (decimal, BCD hex, ASCII hex).
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  encodeBatch,
  encodeFrame,
  encodeHeartbeat,
  encodeLocation,
  type Jt808Edition,
} from '../protocols/jt808/index.js';
import { startGateways, type Gateways } from './index.js';
import { MemorySink } from './memory-sink.js';
import { redactJt808Hex, redactWatchText, safeError, terminalRef } from './redact.js';

const PHONE = '13912345678';
const WATCH_ID = '13800138000';
const AT = new Date('2026-11-28T02:00:00Z');

/** Every way the digits could show up in a JSON log line. */
function forms(digits: string): string[] {
  const padded = digits.length % 2 ? '0' + digits : digits;
  return [
    digits,
    digits.slice(1), // BCD hex of a left-padded odd number: '0139…' → '…3912345678'
    Buffer.from(digits, 'ascii').toString('hex'),
    padded.slice(2),
  ];
}

/** A device as the real sink has it: a uuid (MemorySink's own ids embed the uniqueId). */
function register(sink: MemorySink, uniqueId: string, protocol: 'jt808' | 'watch') {
  const d = { ...sink.add(uniqueId, protocol), id: randomUUID() };
  sink.devices.set(uniqueId, d);
  return d;
}

let gw: Gateways | null = null;
afterEach(async () => {
  await gw?.close();
  gw = null;
});

async function capture(run: (ports: { jt808: number; watch: number }, sink: MemorySink) => Promise<void>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const sink = new MemorySink();
  gw = await startGateways({
    host: '127.0.0.1',
    jt808Port: 0,
    watchPort: 0,
    listenOnFreePort: true,
    sink,
    log: pino({ level: 'info' }, stream),
  });
  await run({ jt808: gw.ports.jt808!, watch: gw.ports.watch! }, sink);
  return lines;
}

async function send(port: number, chunks: (Uint8Array | string)[], waitMs = 150) {
  const s = net.connect(port, '127.0.0.1');
  await new Promise<void>((r) => s.once('connect', r));
  s.on('data', () => undefined);
  for (const c of chunks) s.write(typeof c === 'string' ? c : Buffer.from(c));
  await new Promise((r) => setTimeout(r, waitMs));
  s.destroy();
}

describe('gateway logs carry no terminal phone numbers', () => {
  it.each([2013, 2019] as Jt808Edition[])(
    'JT/T 808 %i: malformed frames logged with their hex, phone masked',
    async (edition) => {
      const lines = await capture(async ({ jt808 }, sink) => {
        const known = register(sink, PHONE, 'jt808');
        const t = (serial: number) => ({ edition, phone: PHONE, serial });
        const badSum = Buffer.from(encodeHeartbeat(t(1))[0]!);
        badSum[badSum.length - 2] = badSum[badSum.length - 2]! ^ 0x55;
        const unsupported = encodeFrame(
          { msgId: 0x0900, edition, phone: PHONE, serial: 2 },
          new Uint8Array([1, 2, 3]),
        );
        const shortLocation = encodeFrame(
          { msgId: 0x0200, edition, phone: PHONE, serial: 3 },
          new Uint8Array(10),
        );
        // A batch whose second item is cut short, and the phone's ASCII digits in a vendor body.
        const batch = Buffer.from(
          encodeBatch(t(4), [{ fixTime: AT, latitude: 31.3, longitude: 121.45 }])[0]!,
        );
        const vendor = encodeFrame(
          { msgId: 0x0900, edition, phone: PHONE, serial: 5 },
          new Uint8Array(Buffer.from(`call ${PHONE}`, 'ascii')),
        );
        sink.failIngest = true;
        await send(jt808, [
          badSum,
          unsupported,
          shortLocation,
          batch,
          vendor,
          ...encodeLocation(t(6), { fixTime: AT, latitude: 31.3, longitude: 121.45 }),
        ]);
        expect(known.id).toBeTruthy();
      });
      const warnings = lines.filter((l) => JSON.parse(l).level >= 40);
      expect(warnings.length).toBeGreaterThanOrEqual(3);
      const malformed = warnings.filter((l) => l.includes('malformed JT/T 808 input'));
      expect(malformed.length).toBeGreaterThanOrEqual(3);
      for (const l of malformed) expect(JSON.parse(l).rawHex).toContain('**');
      for (const l of lines) for (const f of forms(PHONE)) expect(l).not.toContain(f);
    },
  );

  it('JT/T 808: a failing sink is logged by device id or terminal hash, never the uniqueId', async () => {
    const lines = await capture(async ({ jt808 }, sink) => {
      // As the driver reports a failed query: the statement's parameters in the message, the
      // database's error (with the offending value in `detail`) as the cause.
      sink.findDevice = async (uniqueId) => {
        const pgError = Object.assign(new Error('connection terminated'), {
          code: '57P01',
          detail: `Key (unique_id)=(${uniqueId}) is in use`,
        });
        throw new Error(`Failed query: select id from devices where unique_id = $1\nparams: ${uniqueId}`, {
          cause: pgError,
        });
      };
      await send(jt808, encodeHeartbeat({ edition: 2013, phone: PHONE, serial: 1 }));
    });
    const err = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'device lookup failed');
    expect(err).toMatchObject({
      terminal: terminalRef(PHONE),
      err: { message: 'connection terminated', code: '57P01' },
    });
    for (const l of lines) for (const f of forms(PHONE)) expect(l).not.toContain(f);
  });

  it('watch: malformed input logged with its hex, id and phone-like digits masked', async () => {
    const lines = await capture(async ({ watch }, sink) => {
      register(sink, WATCH_ID, 'watch');
      await send(watch, [
        `[SG*${WATCH_ID}*0002*LK]`,
        `[SG*${WATCH_ID}*0010*UD,garbage]`,
        `[3G*${WATCH_ID}*0015*SOS1,${PHONE}`,
      ]);
    });
    const malformed = lines.filter((l) => l.includes('malformed watch input'));
    expect(malformed.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) {
      for (const f of [...forms(WATCH_ID), ...forms(PHONE)]) expect(l, l).not.toContain(f);
    }
  });
});

describe('redaction', () => {
  it('errors: type, code and a first line without parameters or long digit runs', () => {
    expect(safeError(new Error(`Failed query: x\nparams: ${PHONE}`))).toEqual({
      type: 'Error',
      message: 'query failed',
    });
    expect(safeError(new Error(`no device ${PHONE}\nmore`))).toEqual({
      type: 'Error',
      message: 'no device ***********',
    });
    expect(safeError('x')).toEqual({ type: 'string', message: 'non-error thrown' });
  });

  it('masks the header phone of both editions, escaped bytes included, and keeps the rest', () => {
    const f2013 = Buffer.from(encodeHeartbeat({ edition: 2013, phone: PHONE, serial: 0x7e7d })[0]!);
    const hex = f2013.subarray(1, f2013.length - 1).toString('hex');
    const red = redactJt808Hex(hex, { frame: true });
    expect(red.startsWith('00020000')).toBe(true); // message id and body properties kept
    expect(red).toMatch(/^00020000(\*\*){11}/);
    for (const f of forms(PHONE)) expect(red).not.toContain(f);
    const f2019 = Buffer.from(encodeHeartbeat({ edition: 2019, phone: PHONE, serial: 1 })[0]!).toString(
      'hex',
    );
    const red19 = redactJt808Hex(f2019, { frame: true });
    for (const f of forms(PHONE)) expect(red19).not.toContain(f);
    // A body (no header) is searched for the phone only.
    const body = Buffer.concat([Buffer.from([1, 2]), Buffer.from('01391234567800', 'hex')]).toString('hex');
    expect(redactJt808Hex(body, { frame: false, phone: '013912345678' })).toBe(
      '0102' + '01' + '**'.repeat(5) + '00',
    );
  });

  it('watch text: id and runs of 7+ digits masked, coordinates and dates kept', () => {
    expect(redactWatchText(`[SG*${WATCH_ID}*0030*UD,281126,020000,A,31.301200,N,121.4501`)).toBe(
      '[SG*' + '*'.repeat(WATCH_ID.length) + '*0030*UD,281126,020000,A,31.301200,N,121.4501',
    );
    expect(redactWatchText(`[3G*123*0010*SOS1,${PHONE}]`)).toBe('[3G*****0010*SOS1,' + '*'.repeat(11) + ']');
  });
});
