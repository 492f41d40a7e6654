/**
 * Sub-package reassembly for one connection. Parts of one message carry consecutive serials
 * (part i has the first part's serial + i − 1, wrapping), so a message is keyed by its id, phone,
 * part count and first serial. Bounded: parts per message, messages pending, and a timeout.
 */
import { jt808Error } from './jt808.header.js';
import type { Jt808Error, Jt808Header, Jt808Packet } from './jt808.types.js';

export interface ReassemblerOptions {
  /** A message whose first part is older than this is dropped (default 60 s). */
  timeoutMs?: number;
  /** Largest part count accepted (default 64, i.e. ≤ 64 KiB of body). */
  maxParts?: number;
  /** Messages being reassembled at once; the oldest is dropped beyond this (default 4). */
  maxPending?: number;
}

export type ReassemblyResult =
  | { status: 'pending' }
  | { status: 'complete'; packet: Jt808Packet }
  | { status: 'error'; error: Jt808Error };

interface Pending {
  startedMs: number;
  total: number;
  parts: Map<number, Jt808Packet>;
}

export class Jt808Reassembler {
  private readonly timeoutMs: number;
  private readonly maxParts: number;
  private readonly maxPending: number;
  private readonly pending = new Map<string, Pending>();
  /** Messages dropped unfinished (timeout or eviction), for metrics. */
  dropped = 0;

  constructor(options: ReassemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxParts = options.maxParts ?? 64;
    this.maxPending = Math.max(1, options.maxPending ?? 4);
  }

  get pendingMessages(): number {
    return this.pending.size;
  }

  /** Drops messages older than the timeout; returns how many. */
  expire(nowMs: number): number {
    let n = 0;
    for (const [key, p] of this.pending) {
      if (nowMs - p.startedMs > this.timeoutMs) {
        this.pending.delete(key);
        n++;
      }
    }
    this.dropped += n;
    return n;
  }

  /** One part (a packet whose header has `subPackage`). */
  push(part: Jt808Packet, nowMs: number): ReassemblyResult {
    this.expire(nowMs);
    const { header } = part;
    const sp = header.subPackage;
    if (!sp || sp.index < 1 || sp.index > sp.total) {
      return this.fail('bad_value', 'not a sub-package part', header, part.body);
    }
    if (sp.total > this.maxParts) {
      return this.fail(
        'reassembly',
        `${sp.total} parts exceed the limit of ${this.maxParts}`,
        header,
        part.body,
      );
    }
    const first = (header.serial - (sp.index - 1)) & 0xffff;
    const key = `${header.msgId}:${header.phone}:${sp.total}:${first}`;
    let entry = this.pending.get(key);
    if (!entry) {
      while (this.pending.size >= this.maxPending) {
        const oldest = this.pending.keys().next().value;
        if (oldest === undefined) break;
        this.pending.delete(oldest);
        this.dropped++;
      }
      entry = { startedMs: nowMs, total: sp.total, parts: new Map() };
      this.pending.set(key, entry);
    }
    entry.parts.set(sp.index, part);
    if (entry.parts.size < entry.total) return { status: 'pending' };
    this.pending.delete(key);
    return { status: 'complete', packet: join(entry) };
  }

  private fail(code: 'bad_value' | 'reassembly', message: string, header: Jt808Header, raw: Uint8Array) {
    return { status: 'error' as const, error: jt808Error(code, message, header, raw) };
  }
}

function join(entry: Pending): Jt808Packet {
  let size = 0;
  for (const p of entry.parts.values()) size += p.body.length;
  const body = new Uint8Array(size);
  let at = 0;
  for (let i = 1; i <= entry.total; i++) {
    const p = entry.parts.get(i);
    if (!p) continue;
    body.set(p.body, at);
    at += p.body.length;
  }
  const firstPart = entry.parts.get(1);
  const base = (firstPart ?? entry.parts.values().next().value) as Jt808Packet;
  return {
    header: { ...base.header, bodyLength: size, subPackage: { total: entry.total, index: 1 } },
    body,
  };
}
