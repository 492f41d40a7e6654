/**
 * Keeping an import's garbage from piling up. V8 lets a heap grow to several times its live size
 * before a full collection; an import turns over ~10 KiB per row (parsed cells, staged rows, the
 * JSON of each insert), so a 100,000-row import would peak ~150 MiB above its live heap in the job's
 * thread alone — on PGlite, in the same process as the database engine. A HeapBudget collects
 * when the heap has grown by `slackMb` since the last collection.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full collection on demand: `--expose-gc` set at run time gives the function to contexts made
 * from then on (not to the main context's global), so one is taken from a fresh context.
 */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const fn: unknown = vm.runInNewContext('gc');
      collect = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

const used = () => v8.getHeapStatistics().used_heap_size;

export class HeapBudget {
  private readonly slack: number;
  private floor = used();

  constructor(slackMb: number) {
    this.slack = slackMb * 1024 * 1024;
  }

  /** Collects when the heap grew past its slack (call between chunks, when little is live). */
  check(): void {
    if (used() - this.floor < this.slack) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.floor = used();
  }
}
