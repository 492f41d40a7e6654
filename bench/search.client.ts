/**
 * The search benchmark's HTTP clients, in a process of their own (so their work does not share the
 * server's event loop): GET /api/v1/persons?… with a bearer token over keep-alive connections.
 * Started by search.ts with fork(); receives its job as one IPC message and answers the samples
 * and its own CPU time (ms, start-up included).
 *
 * The clients share the machine's two cores with the server and PostgreSQL, where real users'
 * browsers would not: each connection is a bare keep-alive socket that writes a prepared request
 * and reads the status line and Content-Length, then counts the body's bytes (~0.1 ms of CPU per
 * request, against ~0.4 ms with node:http's client). A response that is not 200 with a
 * Content-Length, or a closed connection, counts as a failed request.
 */
import net from 'node:net';
import { runLoad, type LoadOptions, type LoadSample } from './load.js';

export interface ClientJob extends LoadOptions {
  port: number;
  token: string;
  queries: { kind: string; path: string }[];
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection: one request at a time, answered with whether it got a 200 in full. */
class Connection {
  private readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private need = -1; // body bytes still to come once the head is read; -1 while reading the head
  private status = 0;
  private done: ((ok: boolean) => void) | undefined;
  closed = false;

  constructor(port: number) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const close = () => {
      this.closed = true;
      this.finish(false);
    };
    this.socket.on('error', close);
    this.socket.on('close', close);
  }

  request(raw: Buffer): Promise<boolean> {
    return new Promise((resolve) => {
      this.done = resolve;
      this.need = -1;
      this.buf = Buffer.alloc(0);
      this.socket.write(raw);
    });
  }

  private finish(ok: boolean) {
    const done = this.done;
    this.done = undefined;
    done?.(ok);
  }

  private onData(chunk: Buffer) {
    if (this.need < 0) {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      const end = this.buf.indexOf(HEAD_END);
      if (end < 0) return;
      const head = this.buf.toString('latin1', 0, end);
      this.status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!m) {
        this.socket.destroy(); // chunked or no length: not what this client reads
        return;
      }
      this.need = Number(m[1]) - (this.buf.length - end - HEAD_END.length);
      this.buf = Buffer.alloc(0);
    } else this.need -= chunk.length;
    if (this.need <= 0) this.finish(this.status === 200 && this.need === 0);
  }

  close() {
    this.socket.destroy();
  }
}

process.once('message', (job: ClientJob) => {
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const requests = new Map(
    job.queries.map((q) => [
      q.path,
      Buffer.from(
        `GET ${q.path} HTTP/1.1\r\nHost: 127.0.0.1:${job.port}\r\nAuthorization: Bearer ${job.token}\r\n\r\n`,
        'latin1',
      ),
    ]),
  );
  const get = async (q: { path: string }) => {
    let c = idle.pop();
    while (c?.closed) c = idle.pop();
    if (!c) all.push((c = new Connection(job.port)));
    const ok = await c.request(requests.get(q.path)!);
    if (!c.closed) idle.push(c);
    return ok;
  };
  runLoad(job.queries, get, job).then(
    (samples: LoadSample[]) => {
      for (const c of all) c.close();
      const cpu = process.cpuUsage();
      process.send!({ samples, clientCpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
