/**
 * Following a background job: server-sent events from /jobs/:id/events (event "progress", data the
 * job), and polling GET /jobs/:id when the event stream is unavailable or breaks.
 */
import { api, API_BASE } from './api';
import type { JobOut } from './types';

const TERMINAL = new Set<JobOut['state']>(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 1000;

export function isFinished(job: JobOut): boolean {
  return TERMINAL.has(job.state);
}

/**
 * Calls `onProgress` with each new state of the job and resolves with its final state. `signal`
 * stops following (the promise then rejects with an AbortError).
 */
export function followJob(
  jobId: string,
  onProgress: (job: JobOut) => void,
  signal: AbortSignal,
): Promise<JobOut> {
  return new Promise<JobOut>((resolve, reject) => {
    let source: EventSource | null = null;
    let timer: number | undefined;
    let settled = false;

    const finish = (job: JobOut | null, err?: unknown) => {
      if (settled) return;
      settled = true;
      source?.close();
      window.clearTimeout(timer);
      if (job) resolve(job);
      else reject(err);
    };
    const seen = (job: JobOut) => {
      if (settled) return;
      onProgress(job);
      if (isFinished(job)) finish(job);
    };

    const poll = async () => {
      if (settled) return;
      try {
        seen(await api.get<JobOut>(`/jobs/${jobId}`, { signal }));
      } catch (e) {
        finish(null, e);
        return;
      }
      if (!settled) timer = window.setTimeout(() => void poll(), POLL_MS);
    };

    signal.addEventListener('abort', () => finish(null, new DOMException('aborted', 'AbortError')));

    if (typeof EventSource === 'undefined') {
      void poll();
      return;
    }
    source = new EventSource(`${API_BASE}/jobs/${jobId}/events`);
    source.addEventListener('progress', (e) => {
      try {
        seen(JSON.parse((e as MessageEvent<string>).data) as JobOut);
      } catch {
        // A malformed event: the poll below catches up.
      }
    });
    source.onerror = () => {
      // The stream ended (after the last event) or could not be opened: ask the server directly.
      source?.close();
      source = null;
      if (!settled) void poll();
    };
  });
}
