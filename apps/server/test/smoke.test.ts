import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from './harness.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => t.close());

describe('smoke', () => {
  it('health', async () => {
    const res = await t.app.inject('/api/v1/health');
    expect(res.json()).toMatchObject({ status: 'ok' });
  });
  it('admin lists users', async () => {
    const admin = await makeUser(t, ['district_admin']);
    const res = await t.app.inject({ url: '/api/v1/users', headers: admin.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
  });
});
