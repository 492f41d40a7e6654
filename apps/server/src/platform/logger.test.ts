import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from './logger.js';

describe('request logs', () => {
  it('carry ids and paths, never query strings, tokens or cookies', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const app = Fastify({ loggerInstance: createLogger('info', sink) }) as unknown as FastifyInstance;
    app.get('/api/v1/x', async (req) => {
      req.log.info({ password: 'hunter2-secret', token: 'tok-secret' }, 'handler');
      return 'ok';
    });
    await app.inject({
      url: '/api/v1/x?q=张三&id=31010619491231002X',
      headers: { authorization: 'Bearer tok-secret', cookie: 'jinglin_session=abc' },
    });
    await app.close();
    expect(out).toContain('"path":"/api/v1/x"');
    for (const secret of [
      '张三',
      '31010619491231002X',
      'tok-secret',
      'hunter2-secret',
      'jinglin_session=abc',
    ])
      expect(out).not.toContain(secret);
  });
});
