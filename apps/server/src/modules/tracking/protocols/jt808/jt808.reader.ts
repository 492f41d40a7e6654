/**
 * Per-connection reading: splitter → frame decode → sub-package reassembly. Feed it every chunk
 * the socket gives; it returns the messages and typed errors, in order. Never throws.
 */
import { decodeFrame, decodePacket } from './jt808.decode.js';
import { Jt808Splitter, type SplitterOptions } from './jt808.frame.js';
import { Jt808Reassembler, type ReassemblerOptions } from './jt808.reassembly.js';
import type { Jt808DecodeOptions, Jt808Result } from './jt808.types.js';

export interface Jt808ReaderOptions {
  splitter?: SplitterOptions;
  reassembly?: ReassemblerOptions;
  decode?: Jt808DecodeOptions;
}

export class Jt808Reader {
  private readonly splitter: Jt808Splitter;
  private readonly reassembler: Jt808Reassembler;
  private readonly decode: Jt808DecodeOptions;
  /** Bytes skipped before the first 7E, for metrics. */
  junkBytes = 0;

  constructor(options: Jt808ReaderOptions = {}) {
    this.splitter = new Jt808Splitter(options.splitter);
    this.reassembler = new Jt808Reassembler(options.reassembly);
    this.decode = options.decode ?? {};
  }

  /** Unfinished sub-packaged messages dropped (timeout or too many at once). */
  get droppedPartials(): number {
    return this.reassembler.dropped;
  }

  /**
   * Every result the chunk completes: messages (a sub-package part as `fragment`, followed by the
   * whole message once its last part arrived) and errors (an oversize frame as code `oversize`).
   */
  push(chunk: Uint8Array, nowMs: number): Jt808Result[] {
    const out: Jt808Result[] = [];
    for (const ev of this.splitter.push(chunk)) {
      if (ev.type === 'junk') {
        this.junkBytes += ev.bytes;
      } else if (ev.type === 'oversize') {
        const message = `frame over ${ev.bytes - 1} bytes dropped`;
        out.push({ ok: false, error: { code: 'oversize', message, header: null, rawHex: '' } });
      } else {
        const result = decodeFrame(ev.bytes, this.decode);
        out.push(result);
        if (result.ok && result.message.type === 'fragment') {
          const { header, body } = result.message;
          const r = this.reassembler.push({ header, body }, nowMs);
          if (r.status === 'complete') out.push(decodePacket(r.packet, this.decode));
          else if (r.status === 'error') out.push({ ok: false, error: r.error });
        }
      }
    }
    return out;
  }
}
