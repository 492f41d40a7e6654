import pino, { type DestinationStream, type Logger } from 'pino';

/** JSON logs with ids only: headers that carry secrets are redacted, bodies are never logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'jinglin' },
      // Request lines carry the path only: query strings may hold search terms (names, ID numbers).
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string; routeOptions?: { url?: string } }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          route: req.routeOptions?.url,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
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
    },
    destination,
  );
}
