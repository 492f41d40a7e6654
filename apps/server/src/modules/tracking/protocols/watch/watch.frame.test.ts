import { describe, expect, it } from 'vitest';
import { WatchFrameSplitter, parseWatchFrame, type WatchSplitItem } from './watch.frame.js';

const enc = (s: string): Buffer => Buffer.from(s, 'utf8');
const frames = (items: WatchSplitItem[]): string[] =>
  items.flatMap((i) => (i.ok ? [i.frame.toString('utf8')] : []));
const errors = (items: WatchSplitItem[]): string[] => items.flatMap((i) => (i.ok ? [] : [i.code]));

const LK = '[SG*8800000015*0002*LK]';
const UD =
  '[SG*8800000015*0087*UD,220414,134652,A,22.571707,N,113.8613968,E,0.1,0.0,100,7,60,90,1000,50,0000,4,1,460,0,9360,4082,131,9360,4092,148,9360,4091,143,9360,4153,141]';

describe('WatchFrameSplitter', () => {
  it('cuts frames that arrive together', () => {
    const s = new WatchFrameSplitter();
    expect(frames(s.push(enc(LK + UD + LK)))).toEqual([LK, UD, LK]);
    expect(s.pendingBytes).toBe(0);
  });

  it('reassembles a frame cut at every possible point', () => {
    const all = enc(LK + UD);
    for (let cut = 0; cut <= all.length; cut++) {
      const s = new WatchFrameSplitter();
      const out = [...s.push(all.subarray(0, cut)), ...s.push(all.subarray(cut))];
      expect(frames(out)).toEqual([LK, UD]);
      expect(errors(out)).toEqual([]);
    }
  });

  it('reassembles byte by byte', () => {
    const s = new WatchFrameSplitter();
    const out: WatchSplitItem[] = [];
    for (const b of enc(UD + LK)) out.push(...s.push(Uint8Array.of(b)));
    expect(frames(out)).toEqual([UD, LK]);
  });

  it('ignores whitespace between frames and reports other junk with its text', () => {
    const s = new WatchFrameSplitter();
    const out = s.push(enc(`\r\n${LK}\r\nGET / HTTP/1.1\r\n${LK}`));
    expect(frames(out)).toEqual([LK, LK]);
    expect(out.filter((i) => !i.ok)).toEqual([
      { ok: false, code: 'junk', message: 'bytes outside a frame', raw: '\r\nGET / HTTP/1.1\r\n' },
    ]);
  });

  it("resynchronises on the next '[' when a frame is cut short", () => {
    const s = new WatchFrameSplitter();
    const out = s.push(enc(`[SG*8800000015*0087*UD,220414,1346${LK}`));
    expect(frames(out)).toEqual([LK]);
    expect(out[0]).toMatchObject({ ok: false, code: 'truncated', raw: '[SG*8800000015*0087*UD,220414,1346' });
  });

  it('bounds a frame (binary vendor content) and recovers on the next frame', () => {
    const s = new WatchFrameSplitter({ maxFrameBytes: 64 });
    const junk = Buffer.alloc(300, 0x41);
    const out = [
      ...s.push(Buffer.concat([enc('[CS*1234567890*012C*TK,'), junk.subarray(0, 100)])),
      ...s.push(junk.subarray(100)),
      ...s.push(enc(`]${LK}`)),
    ];
    expect(errors(out)).toEqual(['too_long']);
    expect(frames(out)).toEqual([LK]);
    expect(s.pendingBytes).toBe(0);
  });

  it('rejects an oversized frame that arrives whole', () => {
    const s = new WatchFrameSplitter({ maxFrameBytes: 32 });
    const out = s.push(enc(UD + LK));
    expect(errors(out)).toEqual(['too_long']);
    expect(frames(out)).toEqual([LK]);
    const err = out[0];
    expect(err && !err.ok && err.raw.length).toBeLessThanOrEqual(512);
  });

  it('reports a frame left unfinished at close', () => {
    const s = new WatchFrameSplitter();
    s.push(enc('[SG*88*0002*L'));
    expect(s.end()).toMatchObject({ code: 'incomplete', raw: '[SG*88*0002*L' });
    expect(s.end()).toBeNull();
  });
});

describe('parseWatchFrame', () => {
  it('reads MF, id, LEN, type and body', () => {
    const r = parseWatchFrame(enc('[3G*4700186508*000B*LK,0,10,100]'));
    expect(r).toEqual({
      ok: true,
      frame: {
        manufacturer: '3G',
        deviceId: '4700186508',
        index: null,
        declaredLength: 11,
        type: 'LK',
        body: '0,10,100',
        raw: '[3G*4700186508*000B*LK,0,10,100]',
      },
    });
  });

  it('reads the ZJ dialect with an index', () => {
    const r = parseWatchFrame('[ZJ*014111001332708*0075*0064*AL,040418,052156]');
    expect(r).toMatchObject({ ok: true, frame: { index: '0075', declaredLength: 0x64, type: 'AL' } });
  });

  it('does not trust LEN', () => {
    const r = parseWatchFrame('[SG*8800000015*0099*LK]');
    expect(r).toMatchObject({ ok: true, frame: { declaredLength: 0x99, type: 'LK', body: '' } });
  });

  it('keeps a * inside the content (Wi-Fi names)', () => {
    const r = parseWatchFrame('[SG*88*0010*UD,1,my*wifi,2]');
    expect(r).toMatchObject({ ok: true, frame: { type: 'UD', body: '1,my*wifi,2', index: null } });
  });

  it.each([
    ['', 'no brackets'],
    ['SG*88*0002*LK', 'no brackets'],
    ['[SG*88*0002]', 'no content separator'],
    ['[S*88*0002*LK]', 'one-letter manufacturer'],
    ['[SG**0002*LK]', 'empty id'],
    ['[SG*88*02*LK]', 'short LEN'],
    ['[SG*88*00G2*LK]', 'LEN not hex'],
    ['[SG*8 8*0002*LK]', 'space in id'],
  ])('rejects %j (%s) with the raw text', (raw) => {
    const r = parseWatchFrame(raw);
    expect(r).toMatchObject({ ok: false, code: 'bad_header', raw });
  });
});
