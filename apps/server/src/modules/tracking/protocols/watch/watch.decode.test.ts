import { describe, expect, it } from 'vitest';
import { decodeWatch, parseWatchTime } from './watch.decode.js';
import { alarmsFromStatus, statusFromAlarms } from './watch.status.js';
import type { WatchDecodeResult } from './watch.types.js';

function position(r: WatchDecodeResult) {
  if (!r.ok || r.message.kind !== 'position') throw new Error(`not a position: ${JSON.stringify(r)}`);
  return r.message.position;
}

// Frames from real watches (Traccar's public test suite).
const UD_SG =
  '[SG*8800000015*0087*UD,220414,134652,A,22.571707,N,113.8613968,E,0.1,0.0,100,7,60,90,1000,50,0000,4,1,460,0,9360,4082,131,9360,4092,148,9360,4091,143,9360,4153,141]';

describe('UD / UD2', () => {
  it('decodes every field of a UD', () => {
    const r = decodeWatch(UD_SG);
    expect(r.ok && r.reply).toBe(null);
    expect(position(r)).toEqual({
      protocol: 'watch',
      uniqueId: '8800000015',
      fixTime: new Date('2014-04-22T13:46:52Z'),
      valid: true,
      latitude: 22.571707,
      longitude: 113.8613968,
      altitudeM: 100,
      speedKmh: 0.1,
      course: 0,
      accuracyM: null,
      satellites: 7,
      batteryPercent: 90,
      alarms: [],
      backfill: false,
      attributes: {
        type: 'UD',
        status: '0000',
        gsm: 60,
        steps: 1000,
        rolls: 50,
        network: '4,1,460,0,9360,4082,131,9360,4092,148,9360,4091,143,9360,4153,141',
      },
    });
  });

  it('marks UD2 as back-filled', () => {
    const r = decodeWatch(UD_SG.replace('*0087*UD,', '*0088*UD2,'));
    expect(position(r)).toMatchObject({ backfill: true, attributes: { type: 'UD2' } });
  });

  it('signs south and west, and copes with pre-signed, blank-padded and hemisphere-less values', () => {
    const cases: [string, number, number][] = [
      [
        '[SG*9081000548*00A9*UD,110116,113639,V,16.479064,S,68.119072,W,0.7593,000,99,00,80,80,0,50,00000000,5,1]',
        -16.479064,
        -68.119072,
      ],
      [
        '[3G*6105117105*008D*UD2,210716,231601,V,-33.480366,N,-70.7630692,E,0.00,0.0,0.0,0,100,34,0,0,00000000,3,255]',
        -33.480366,
        -70.7630692,
      ],
      [
        '[3G*4700222306*0077*UD,120316,140610,V,48.779045,N, 9.1574736,E,0.00,0.0,0.0,0,25,83,0,0,00000000,2,255]',
        48.779045,
        9.1574736,
      ],
      [
        '[SG*9051000884*009B*UD,030117,161129,V,52.745450,N,0.369512,,0.1481,000,99,00,70,5,0,50,00000000,5,1]',
        52.74545,
        0.369512,
      ],
      [
        '[3G*6430073509*00E7*UD2,241016,081622,V,09.951861,N,-84.1422119,W,0.00,0.0,0.0,0,39,94,0,0,00000000,1,0]',
        9.951861,
        -84.1422119,
      ],
    ];
    for (const [raw, lat, lon] of cases) {
      expect(position(decodeWatch(raw))).toMatchObject({ latitude: lat, longitude: lon, valid: false });
    }
  });

  it('reads negative altitude and the ZJ dialect (index kept)', () => {
    const r = decodeWatch(
      '[ZJ*014111001350304*0033*0064*UD,070318,020827,V,00.000000,N,000.000000,E,0,0,-1,0,100,19,1000,50,00000000,1,255,460,0,9346,5223,42]',
    );
    expect(position(r)).toMatchObject({
      uniqueId: '014111001350304',
      altitudeM: -1,
      attributes: { index: '0033' },
      fixTime: new Date('2018-03-07T02:08:27Z'),
    });
  });

  it('keeps a Wi-Fi tail raw, UTF-8 names included', () => {
    const r = decodeWatch(
      '[3G*4700222306*011F*UD2,120316,140444,A,48.779045,N,9.1574736,E,0.57,12.8,0.0,7,28,77,0,0,00000000,2,2,262,1,21041,9067,121,21041,5981,116,2,静安*家,34:31:c4:c8:a9:22,-67,Box,18:83:bf:28:e8:f4,-70]',
    );
    expect(position(r).attributes.network).toBe(
      '2,2,262,1,21041,9067,121,21041,5981,116,2,静安*家,34:31:c4:c8:a9:22,-67,Box,18:83:bf:28:e8:f4,-70',
    );
  });

  it('applies the watch clock offset when given (default UTC)', () => {
    expect(position(decodeWatch(UD_SG, { utcOffsetMinutes: 480 })).fixTime).toEqual(
      new Date('2014-04-22T05:46:52Z'),
    );
  });

  it('normalises course 360 to 0 and sets aside an impossible battery', () => {
    const r = decodeWatch(UD_SG.replace('0.1,0.0,100,7,60,90', '0.1,360,100,7,60,140'));
    expect(position(r)).toMatchObject({ course: 0, batteryPercent: null, attributes: { batteryRaw: 140 } });
  });
});

describe('AL', () => {
  it('decodes an SOS alarm and owes the AL reply with the same MF and id', () => {
    const r = decodeWatch(
      '[3G*8809008845*00C0*AL,271219,094744,V,00.000000,N, 0.0000000,E,0.00,0.0,0.0,0,100,81,0,0,00010000,7,0,460,0,9336,3981,141]',
    );
    expect(r.reply).toBe('[3G*8809008845*0002*AL]');
    expect(r.ok && r.message).toMatchObject({ kind: 'position', alarmFrame: true });
    expect(position(r)).toMatchObject({ alarms: ['sos'], valid: false, latitude: 0, longitude: 0 });
  });

  it('echoes the ZJ index in the reply', () => {
    const r = decodeWatch(
      '[ZJ*014111001332708*0075*0064*AL,040418,052156,A,22.536207,N,113.938673,E,0,0,0,5,100,82,1000,50,00100000,1,255,460,0,9340,3663,35]',
    );
    expect(r.reply).toBe('[ZJ*014111001332708*0075*0002*AL]');
    expect(position(r).alarms).toEqual(['removed']);
  });

  it('answers even a malformed AL (or the watch repeats it), and returns the error with the text', () => {
    const raw = '[SG*8800000015*0010*AL,999999,134652,A]';
    const r = decodeWatch(raw);
    expect(r).toMatchObject({
      ok: false,
      reply: '[SG*8800000015*0002*AL]',
      error: { code: 'bad_content', raw },
    });
  });
});

describe('STATUS bits', () => {
  it.each([
    ['00000001', ['low_battery']],
    ['00010000', ['sos']],
    ['00020000', ['low_battery']],
    ['00040000', ['geofence']],
    ['00100000', ['removed']],
    ['00200000', ['fall']],
    ['00400000', ['fall']],
    ['00600000', ['fall']],
    ['00000008', []],
    ['00370001', ['low_battery', 'sos', 'geofence', 'removed', 'fall']],
  ])('%s → %j', (hex, alarms) => {
    expect(alarmsFromStatus(parseInt(hex, 16))).toEqual(alarms);
    expect(position(decodeWatch(UD_SG.replace(',0000,4,1,', `,${hex},4,1,`))).alarms).toEqual(alarms);
  });

  it('round-trips alarms through the simulator mapping', () => {
    const all = ['sos', 'low_battery', 'geofence', 'removed', 'fall'] as const;
    expect(alarmsFromStatus(statusFromAlarms(all)).sort()).toEqual([...all].sort());
  });
});

describe('LK', () => {
  it('owes the reply for a bare LK', () => {
    const r = decodeWatch('[SG*8800000015*0002*LK]');
    expect(r).toMatchObject({ ok: true, reply: '[SG*8800000015*0002*LK]', message: { kind: 'keepalive' } });
  });

  it('reads steps, rolls and battery', () => {
    const r = decodeWatch('[3G*4700186508*000B*LK,0,10,100]');
    expect(r).toMatchObject({
      ok: true,
      reply: '[3G*4700186508*0002*LK]',
      message: { kind: 'keepalive', steps: 0, rolls: 10, batteryPercent: 100, attributes: {} },
    });
  });

  it('keeps other argument counts raw without guessing', () => {
    const r = decodeWatch('[SG*9081000548*0009*LK,0,100]');
    expect(r).toMatchObject({
      ok: true,
      message: { steps: null, rolls: null, batteryPercent: null, attributes: { args: '0,100' } },
    });
  });

  it('still answers an LK with garbage arguments', () => {
    const r = decodeWatch('[SG*88*0009*LK,a,b,c]');
    expect(r).toMatchObject({ ok: false, reply: '[SG*88*0002*LK]', error: { code: 'bad_content' } });
  });
});

describe('other input', () => {
  it('reads unknown types without a reply', () => {
    expect(decodeWatch('[CS*8800000015*0008*PULSE,72]')).toMatchObject({
      ok: true,
      reply: null,
      message: { kind: 'other' },
    });
  });

  it.each([
    ['too few fields', '[SG*88*0010*UD,220414,134652,A,22.5,N,113.8,E]'],
    ['bad date', UD_SG.replace('220414', '221314')],
    ['31 April', UD_SG.replace('220414', '310414')],
    ['bad time', UD_SG.replace('134652', '246000')],
    ['validity', UD_SG.replace(',A,', ',X,')],
    ['latitude range', UD_SG.replace('22.571707', '91.5')],
    ['longitude range', UD_SG.replace('113.8613968', '180.5')],
    ['latitude text', UD_SG.replace('22.571707', '22.5x')],
    ['hemisphere', UD_SG.replace(',N,', ',Q,')],
    ['speed', UD_SG.replace(',0.1,', ',-3,')],
    ['status', UD_SG.replace(',0000,4,', ',ZZ,4,')],
    ['satellites', UD_SG.replace(',7,60,', ',7.5,60,')],
  ])('returns a typed error for %s', (_name, raw) => {
    const r = decodeWatch(raw);
    expect(r).toMatchObject({ ok: false, reply: null, error: { code: 'bad_content', raw } });
  });

  it('returns bad_header without a reply when the header is unreadable', () => {
    expect(decodeWatch('[SG88*0002*LK]')).toMatchObject({ ok: false, frame: null, reply: null });
  });
});

describe('parseWatchTime', () => {
  it('handles leap days and the offset', () => {
    expect(parseWatchTime('290224', '000000')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseWatchTime('290223', '000000')).toBeNull();
    expect(parseWatchTime('010124', '000000', 480)).toEqual(new Date('2023-12-31T16:00:00Z'));
  });
});
