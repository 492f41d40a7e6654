import pino, { type Logger } from 'pino';

/** JSON logs with ids only: headers that carry secrets are redacted, bodies are never logged. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'jinglin' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'password',
        'token',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
