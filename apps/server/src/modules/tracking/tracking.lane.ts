/**
 * The ingest's writer lanes (tracking.ingest.ts): calls gathered into batches, one batch at a time
 * per lane.
 */

/** A queued call: its positions, and how to tell the caller the outcome. */
export interface Batched {
  positions: readonly unknown[];
  resolve(): void;
  reject(err: unknown): void;
}

export interface LaneOptions {
  /** How long the first call of a batch waits for others. */
  batchMs: number;
  /** Positions in one batch at most. */
  batchMax: number;
}

/**
 * One writer: calls queue up and are written in batches, one batch at a time. A device always goes
 * to the same lane, so its positions are evaluated and written in order and two lanes never write
 * the same device's rows (no lock waits or deadlocks between them). A call carrying an alarm does
 * not wait for the batch window: the next batch starts with it.
 */
export class Lane<T extends Batched> {
  private queue: T[] = [];
  /** Positions in `queue` (a call without positions counts one). */
  private queued = 0;
  private urgent: T[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: LaneOptions,
    private readonly write: (batch: T[]) => Promise<void>,
  ) {}

  push(item: T, urgent: boolean): void {
    if (urgent) {
      this.urgent.push(item);
      this.kick();
      return;
    }
    this.queue.push(item);
    this.queued += Math.max(1, item.positions.length);
    if (this.queued >= this.o.batchMax) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.o.batchMs);
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.urgent.length > 0 || this.running) {
      this.kick();
      await this.running;
    }
  }

  /**
   * The next batch: the queue up to `batchMax` positions, and every alarm waiting. The queued calls ride
   * along with an alarm rather than wait for a batch of their own: the alarm's reply is written after
   * those of the frames received before it on its connection, which are usually among them.
   */
  private take(): T[] {
    const first = this.urgent;
    this.urgent = [];
    let n = 0;
    let i = 0;
    while (i < this.queue.length && n < this.o.batchMax) n += Math.max(1, this.queue[i++]!.positions.length);
    const batch = this.queue.splice(0, i);
    this.queued -= n;
    // Queued calls first: mostly older than the alarm, so each device's fixes stay in arrival order.
    return first.length > 0 ? batch.concat(first) : batch;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // The running batch kicks again when it ends.
    if (this.running) return;
    if (this.queue.length === 0 && this.urgent.length === 0) return;
    const batch = this.take();
    this.running = this.write(batch)
      .then(
        () => batch.forEach((b) => b.resolve()),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      )
      .finally(() => {
        this.running = null;
        // Alarms and a good share of a batch go at once; a few positions wait for the window to gather more.
        if (this.urgent.length > 0 || this.queued >= this.o.batchMax / 4) this.kick();
        else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.kick(), this.o.batchMs);
      });
  }
}
