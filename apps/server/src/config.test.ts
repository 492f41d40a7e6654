import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      demo: true,
      crypto: 'aes',
      jt808Port: 5015,
      watchPort: 5093,
    });
    expect(c.roles).toEqual(['api', 'worker', 'gateway']);
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('leaves the search connections to the machine unless set', () => {
    expect(loadConfig({}).searchConnections).toBeUndefined();
    expect(loadConfig({ JINGLIN_SEARCH_CONNECTIONS: '6' }).searchConnections).toBe(6);
  });

  it('turns the demo off by default on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', JINGLIN_DEMO: '1' }).demo).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['JINGLIN_DEMO', 'yes'],
    ['JINGLIN_ROLES', 'api,cook'],
    ['JINGLIN_CRYPTO', 'des'],
    ['JINGLIN_JT808_PORT', '-1'],
    ['JINGLIN_SEARCH_CONNECTIONS', '0'],
  ])('a bad %s (%s) stops with a message that names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
