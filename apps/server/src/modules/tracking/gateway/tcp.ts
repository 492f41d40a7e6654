/**
 * The TCP side shared by the JT/T 808 and watch gateways: accept (up to a maximum), one handler
 * per connection fed chunk by chunk in order, reading paused while a chunk is being handled
 * (backpressure: a slow sink slows the device, never buffers without bound), idle timeout, and a
 * graceful close that lets in-flight work finish.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import type { Protocol } from '../protocols/position.js';
import type { GatewayCounters } from './stats.js';

export interface Connection {
  /** Short id for the log: `<protocol>-<n>`. */
  id: string;
  /** Writes a reply (dropped when the socket is gone); counts it. */
  write(bytes: Uint8Array | string): void;
  /** Writes several replies in one socket write (one system call); counts each. */
  writeAll(replies: (Uint8Array | string)[]): void;
  log: Logger;
}

export interface ConnectionHandler {
  /** One chunk as received; the next is not given before this resolves. Must not reject. */
  data(chunk: Buffer): Promise<void>;
  /** The connection ended (after the last `data`). */
  end(): void;
}

export interface TcpGatewayOptions {
  protocol: Exclude<Protocol, 'osmand'>;
  host: string;
  port: number;
  log: Logger;
  counters: GatewayCounters;
  handler: (conn: Connection) => ConnectionHandler;
  /** Connections open at once (default 10,000); more are refused. */
  maxConnections?: number;
  /** A connection silent this long is closed (default 10 minutes). */
  idleTimeoutMs?: number;
  /** How long close() waits for in-flight work before cutting connections (default 5 s). */
  closeGraceMs?: number;
}

export interface TcpGateway {
  port: number;
  close(): Promise<void>;
}

interface Live {
  socket: net.Socket;
  idle: Promise<void>;
  busy: boolean;
}

export async function startTcpGateway(o: TcpGatewayOptions): Promise<TcpGateway> {
  const stats = o.counters.of(o.protocol);
  const log = o.log.child({ gateway: o.protocol });
  const live = new Set<Live>();
  let seq = 0;
  let closing = false;

  const server = net.createServer({ noDelay: true }, (socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    const id = `${o.protocol}-${++seq}`;
    const clog = log.child({ conn: id });
    stats.connectionsOpen++;
    stats.connectionsTotal++;
    const conn: Connection = {
      id,
      log: clog,
      write(bytes) {
        if (socket.destroyed || !socket.writable) return;
        socket.write(bytes);
        stats.replies++;
      },
      writeAll(replies) {
        if (replies.length === 0 || socket.destroyed || !socket.writable) return;
        socket.write(
          replies.length === 1
            ? replies[0]!
            : Buffer.concat(replies.map((r) => (typeof r === 'string' ? Buffer.from(r, 'utf8') : r))),
        );
        stats.replies += replies.length;
      },
    };
    const handler = o.handler(conn);
    const queue: Buffer[] = [];
    let settle: () => void = () => undefined;
    const entry: Live = { socket, busy: false, idle: Promise.resolve() };
    live.add(entry);

    const pump = async () => {
      entry.busy = true;
      entry.idle = new Promise((r) => (settle = r));
      try {
        for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await handler.data(chunk);
      } catch (err) {
        clog.error({ err }, 'connection handler failed');
      }
      entry.busy = false;
      settle();
      if (socket.destroyed || closing) return;
      if (socket.writableNeedDrain) socket.once('drain', () => socket.resume());
      else socket.resume();
    };

    socket.setTimeout(o.idleTimeoutMs ?? 600_000);
    socket.on('timeout', () => {
      stats.idleTimeouts++;
      clog.info('idle timeout');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      socket.pause();
      if (!entry.busy) void pump();
    });
    socket.on('error', (err) => clog.debug({ err: err.message }, 'socket error'));
    socket.on('close', () => {
      stats.connectionsOpen--;
      live.delete(entry);
      void entry.idle.then(() => handler.end());
    });
  });
  server.maxConnections = o.maxConnections ?? 10_000;
  server.on('drop', () => {
    stats.connectionsRejected++;
    log.warn({ max: server.maxConnections }, 'connection refused: maximum reached');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'server error'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  log.info({ host: o.host, port }, 'gateway listening');

  return {
    port,
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      const grace = o.closeGraceMs ?? 5_000;
      await Promise.all(
        [...live].map(async (c) => {
          c.socket.pause();
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([c.idle, new Promise((r) => (timer = setTimeout(r, grace)))]);
          clearTimeout(timer);
          c.socket.end();
          c.socket.destroySoon();
          setTimeout(() => c.socket.destroy(), 1_000).unref();
        }),
      );
      await stopped;
      log.info('gateway closed');
    },
  };
}
