/**
 * Closed-loop load: `clients` concurrent loops, each issuing the next item as soon as its previous
 * one finished, for a bounded time or number of requests (whichever comes first), after a short
 * unmeasured warm-up. Latency is measured per request, start to last byte.
 */
export interface LoadOptions {
  clients: number;
  seconds: number;
  maxRequests: number;
  warmup: number;
}

export interface LoadSample {
  kind: string;
  ms: number;
  ok: boolean;
}

export async function runLoad<Q extends { kind: string }>(
  items: readonly Q[],
  run: (q: Q) => Promise<boolean>,
  o: LoadOptions,
): Promise<LoadSample[]> {
  const phase = async (count: number, seconds: number, record: boolean, offset: number) => {
    const out: LoadSample[] = [];
    const stopAt = performance.now() + seconds * 1000;
    let issued = 0;
    const loop = async () => {
      while (issued < count && performance.now() < stopAt) {
        const q = items[(offset + issued++) % items.length]!;
        const t0 = performance.now();
        let ok = false;
        try {
          ok = await run(q);
        } catch {
          ok = false;
        }
        if (record) out.push({ kind: q.kind, ms: performance.now() - t0, ok });
      }
    };
    await Promise.all(Array.from({ length: o.clients }, loop));
    return out;
  };
  await phase(o.warmup, o.seconds, false, 0);
  return phase(o.maxRequests, o.seconds, true, o.warmup);
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Summary {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  perKind: Record<string, { n: number; p50: number; p95: number }>;
}

export function summarise(samples: readonly LoadSample[]): Summary {
  const sorted = (xs: LoadSample[]) => xs.map((s) => s.ms).sort((a, b) => a - b);
  const all = sorted([...samples]);
  const kinds = new Map<string, LoadSample[]>();
  for (const s of samples) {
    const xs = kinds.get(s.kind) ?? [];
    xs.push(s);
    kinds.set(s.kind, xs);
  }
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50: round2(percentile(all, 0.5)),
    p95: round2(percentile(all, 0.95)),
    perKind: Object.fromEntries(
      [...kinds].map(([k, xs]) => {
        const v = sorted(xs);
        return [k, { n: v.length, p50: round2(percentile(v, 0.5)), p95: round2(percentile(v, 0.95)) }];
      }),
    ),
  };
}
