/**
 * Coalesces the point lookups of one event-loop turn into one query (`= ANY($1)`), up to `max` keys
 * a query: a thousand terminals authenticating at once cost a few queries, not a thousand.
 */
export class KeyedLoader<K, V> {
  private waiting = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;

  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly max = 1000,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.run());
      }
    });
  }

  private run(): void {
    this.scheduled = false;
    const all = this.waiting;
    this.waiting = new Map();
    const keys = [...all.keys()];
    for (let i = 0; i < keys.length; i += this.max) {
      const chunk = keys.slice(i, i + this.max);
      this.fetch(chunk).then(
        (found) => {
          for (const k of chunk) for (const w of all.get(k)!) w.resolve(found.get(k));
        },
        (err) => {
          for (const k of chunk) for (const w of all.get(k)!) w.reject(err);
        },
      );
    }
  }
}
