import { describe, expect, it } from 'vitest';
import { decodeWatch } from './watch.decode.js';
import {
  encodeWatchCommand,
  encodeWatchFrame,
  encodeWatchKeepAlive,
  encodeWatchPosition,
  encodeWatchReply,
  type WatchCommand,
} from './watch.encode.js';

const SG = { manufacturer: 'SG', deviceId: '8800000015' };

describe('replies', () => {
  it('are [MF*ID*0002*LK] and [MF*ID*0002*AL]', () => {
    expect(encodeWatchReply(SG, 'LK')).toBe('[SG*8800000015*0002*LK]');
    expect(encodeWatchReply({ manufacturer: '3G', deviceId: '1' }, 'AL')).toBe('[3G*1*0002*AL]');
    expect(encodeWatchReply({ manufacturer: 'ZJ', deviceId: '1', index: '0075' }, 'AL')).toBe(
      '[ZJ*1*0075*0002*AL]',
    );
  });
});

describe('server commands', () => {
  it.each<[WatchCommand, string]>([
    [{ type: 'locate' }, '[SG*8800000015*0002*CR]'],
    [{ type: 'upload_interval', seconds: 60 }, '[SG*8800000015*0009*UPLOAD,60]'],
    [{ type: 'sos_number', phone: '13800138000' }, '[SG*8800000015*0010*SOS1,13800138000]'],
    [{ type: 'removal_alarm', enabled: true }, '[SG*8800000015*0008*REMOVE,1]'],
    [{ type: 'removal_alarm', enabled: false }, '[SG*8800000015*0008*REMOVE,0]'],
    [{ type: 'language_timezone', language: 1, timezoneHours: 8 }, '[SG*8800000015*0006*LZ,1,8]'],
    [{ type: 'language_timezone', language: 0, timezoneHours: -3.5 }, '[SG*8800000015*0009*LZ,0,-3.5]'],
  ])('%j → %s', (command, text) => {
    expect(encodeWatchCommand(SG, command)).toEqual({ ok: true, text });
  });

  it.each<WatchCommand>([
    { type: 'upload_interval', seconds: 5 },
    { type: 'upload_interval', seconds: 60.5 },
    { type: 'upload_interval', seconds: Number.NaN },
    { type: 'sos_number', phone: '138]0' },
    { type: 'sos_number', phone: '' },
    { type: 'language_timezone', language: -1, timezoneHours: 8 },
    { type: 'language_timezone', language: 1, timezoneHours: 15 },
    { type: 'language_timezone', language: 1, timezoneHours: 8.1 },
  ])('refuses %j with a typed error', (command) => {
    expect(encodeWatchCommand(SG, command)).toMatchObject({ ok: false, code: 'bad_argument' });
  });

  it('counts LEN in bytes and refuses brackets', () => {
    expect(encodeWatchFrame(SG, 'MESSAGE,静')).toEqual({ ok: true, text: '[SG*8800000015*000B*MESSAGE,静]' });
    expect(encodeWatchFrame(SG, 'A]B')).toMatchObject({ ok: false, code: 'bad_argument' });
  });
});

describe('terminal side (simulator)', () => {
  it('encodes LK both ways, which the decoder reads back', () => {
    const bare = encodeWatchKeepAlive(SG);
    expect(bare).toEqual({ ok: true, text: '[SG*8800000015*0002*LK]' });
    const full = encodeWatchKeepAlive(SG, { steps: 1200, rolls: 3, batteryPercent: 77 });
    expect(full).toEqual({ ok: true, text: '[SG*8800000015*000C*LK,1200,3,77]' });
    expect(full.ok && decodeWatch(full.text)).toMatchObject({
      ok: true,
      message: { steps: 1200, rolls: 3, batteryPercent: 77 },
    });
    expect(encodeWatchKeepAlive(SG, { steps: -1, rolls: 0, batteryPercent: 1 })).toMatchObject({ ok: false });
  });

  it('encodes UD2 and AL that decode to the same position', () => {
    const fixTime = new Date('2025-03-01T01:02:03Z');
    const input = {
      fixTime,
      valid: true,
      latitude: -31.230416,
      longitude: -121.473701,
      speedKmh: 4.5,
      course: 270,
      altitudeM: 12,
      satellites: 9,
      batteryPercent: 64,
      alarms: ['sos', 'fall'] as const,
    };
    const ud2 = encodeWatchPosition(SG, 'UD2', input);
    expect(ud2.ok && ud2.text).toBe(
      '[SG*8800000015*0056*UD2,010325,010203,A,31.230416,S,121.473701,W,4.50,270.0,12.0,9,100,64,0,0,00210000,0,0]',
    );
    const al = encodeWatchPosition(SG, 'AL', input, 480);
    expect(al.ok && al.text).toContain('AL,010325,090203,');
    const decoded = al.ok ? decodeWatch(al.text, { utcOffsetMinutes: 480 }) : null;
    expect(decoded).toMatchObject({
      ok: true,
      reply: '[SG*8800000015*0002*AL]',
      message: {
        position: {
          fixTime,
          latitude: -31.230416,
          longitude: -121.473701,
          speedKmh: 4.5,
          course: 270,
          alarms: ['sos', 'fall'],
          backfill: false,
        },
      },
    });
  });

  it('refuses coordinates out of range and dates outside the two-digit year', () => {
    const base = { fixTime: new Date('2025-01-01T00:00:00Z'), valid: true, latitude: 0, longitude: 0 };
    expect(encodeWatchPosition(SG, 'UD', { ...base, latitude: 91 })).toMatchObject({ ok: false });
    expect(
      encodeWatchPosition(SG, 'UD', { ...base, fixTime: new Date('1999-12-31T00:00:00Z') }),
    ).toMatchObject({
      ok: false,
    });
    expect(encodeWatchPosition(SG, 'UD', { ...base, fixTime: new Date(Number.NaN) })).toMatchObject({
      ok: false,
    });
  });
});
