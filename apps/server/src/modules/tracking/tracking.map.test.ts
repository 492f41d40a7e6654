/** What the web maps read: the map settings, the live list's names and zone state, a centre's zones, the demo's guardian. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, PASSWORD, type TestEnv } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import { seedPersons } from '../../seed/persons.js';
import { linkDemoResidents } from '../../seed/benefits.js';
import { tileImgSource } from './tracking.map.js';
import { seedTracking } from '../../seed/tracking.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv({
    JINGLIN_MAP_TILE_URL: 'https://t{s}.example.test/tiles/{z}/{x}/{y}.png',
    JINGLIN_MAP_TILE_CRS: 'wgs84',
    JINGLIN_MAP_ATTRIBUTION: '© 示例底图',
  });
}, 60_000);
afterAll(async () => t?.close());

describe('map settings', () => {
  it('defaults: no tiles, GCJ-02, no attribution; a bad value names the setting', () => {
    const c = loadConfig({ JINGLIN_LOG_LEVEL: 'silent' });
    expect([c.mapTileUrl, c.mapTileCrs, c.mapAttribution]).toEqual(['', 'gcj02', '']);
    expect(() => loadConfig({ JINGLIN_MAP_TILE_CRS: 'bd09' })).toThrow(/JINGLIN_MAP_TILE_CRS/);
    expect(() => loadConfig({ JINGLIN_MAP_TILE_URL: 'javascript:alert(1)' })).toThrow(/JINGLIN_MAP_TILE_URL/);
  });

  it("the tiles' host is allowed by the Content-Security-Policy's img-src", async () => {
    expect(tileImgSource('')).toBeNull();
    expect(tileImgSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileImgSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=K&x={x}')).toBe(
      'https://*.tianditu.gov.cn',
    );
    expect(tileImgSource('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}')).toBe(
      'https://*.is.autonavi.com',
    );
    expect(tileImgSource('//tiles.example.org:8443/{z}/{x}/{y}.png')).toBe('https://tiles.example.org:8443');
    expect(tileImgSource('https://tiles.{s}.example.org/{z}.png')).toBe('https:');
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.headers['content-security-policy']).toContain(
      "img-src 'self' data: blob: https://*.example.test;",
    );
  });

  it('GET /tracking/map-config: signed-in users only', async () => {
    expect((await t.app.inject({ url: '/api/v1/tracking/map-config' })).statusCode).toBe(401);
    const u = await makeUser(t, ['day_centre_staff']);
    const res = await t.app.inject({ url: '/api/v1/tracking/map-config', headers: u.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tileUrl: 'https://t{s}.example.test/tiles/{z}/{x}/{y}.png',
      tileCrs: 'wgs84',
      attribution: '© 示例底图',
    });
  });
});

describe('the demo as the maps see it', () => {
  it("live rows carry the trainee's name and zone state; a centre's zones for its staff; the demo guardian's ward", async () => {
    await seedPersons(t.p, { count: 400, seed: 11 });
    await t.services.users.create(systemActor(), {
      username: 'demo_guardian',
      roles: ['guardian'],
      phone: '17000000002',
    });
    await linkDemoResidents(t.p);
    await seedTracking(t.p, { password: PASSWORD });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo_centre', password: PASSWORD },
    });
    const auth = { authorization: `Bearer ${login.json().token}` };
    const centres = (await t.app.inject({ url: '/api/v1/tracking/centres', headers: auth })).json();
    const first = centres.find((c: { name: string }) => c.name === '临汾路街道阳光之家');
    const live = (
      await t.app.inject({ url: `/api/v1/tracking/centres/${first.id}/live`, headers: auth })
    ).json();
    expect(live.length).toBeGreaterThan(0);
    for (const row of live) {
      expect(row.name).toEqual(expect.any(String));
      expect(row.centreId).toBe(first.id);
      expect(['inside', 'outside', 'unknown']).toContain(row.zoneState);
      expect(row.lastFixTime).not.toBeNull();
    }
    const zones = await t.app.inject({ url: `/api/v1/tracking/centres/${first.id}/zones`, headers: auth });
    expect(zones.statusCode).toBe(200);
    expect(zones.json()).toHaveLength(1);
    const other = await makeUser(t, ['day_centre_staff']);
    const hidden = await t.app.inject({
      url: `/api/v1/tracking/centres/${first.id}/zones`,
      headers: other.auth,
    });
    expect(hidden.statusCode).toBe(404);

    // The demo guardian sees one ward with a watch and its last position.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/request',
      payload: { phone: '17000000002' },
    });
    const code = t.sent.filter((m) => m.address === '17000000002').at(-1)?.payload.code;
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone: '17000000002', code },
    });
    const gAuth = { authorization: `Bearer ${g.json().token}` };
    const mine = (await t.app.inject({ url: '/api/v1/me/tracking', headers: gAuth })).json();
    expect(mine).toHaveLength(1);
    expect(mine[0].lastFixTime).not.toBeNull();
    expect(mine[0].name).toEqual(expect.any(String));
    const wardZones = await t.app.inject({ url: '/api/v1/me/tracking/zones', headers: gAuth });
    expect(wardZones.statusCode).toBe(200);
    expect(wardZones.json()).toHaveLength(1);
    expect(wardZones.json()[0].centreId).toBe(mine[0].centreId);
    // Another guardian sees none.
    const stranger = await makeUser(t, ['guardian']);
    expect((await t.app.inject({ url: '/api/v1/me/tracking/zones', headers: stranger.auth })).json()).toEqual(
      [],
    );
  });
});
