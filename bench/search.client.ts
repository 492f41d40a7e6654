/**
 * The search benchmark's HTTP clients, in a process of their own (so their work does not share the
 * server's event loop): GET /api/v1/persons?… with a bearer token over keep-alive connections.
 * Started by search.ts with fork(); receives its job as one IPC message and answers the samples
 * and its own CPU time (ms, start-up included).
 */
import http from 'node:http';
import { runLoad, type LoadOptions, type LoadSample } from './load.js';

export interface ClientJob extends LoadOptions {
  port: number;
  token: string;
  queries: { kind: string; path: string }[];
}

process.once('message', (job: ClientJob) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const get = (q: { path: string }) =>
    new Promise<boolean>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: job.port,
          path: q.path,
          agent,
          headers: { authorization: `Bearer ${job.token}` },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode === 200));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  runLoad(job.queries, get, job).then(
    (samples: LoadSample[]) => {
      agent.destroy();
      const cpu = process.cpuUsage();
      process.send!({ samples, clientCpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
