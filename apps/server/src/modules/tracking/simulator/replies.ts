/**
 * The terminal side of reading what a platform sends: 0x8001 and 0x8100 out of a JT/T 808 byte
 * stream, and `[MF*ID*LEN*TYPE]` replies out of a watch stream. For the simulator, tests and the
 * ingest benchmark.
 */
import { Jt808Splitter, MSG, decodeGbk, parsePacket } from '../protocols/jt808/index.js';
import { WatchFrameSplitter, parseWatchFrame } from '../protocols/watch/index.js';

export interface PlatformReply {
  msgId: number;
  uniqueId: string;
  /** Serial of the terminal message answered. */
  replySerial: number;
  /** 0x8001 only: the id answered. */
  replyId: number | null;
  result: number;
  /** 0x8100 result 0 only. */
  authCode: string | null;
  edition: 2013 | 2019;
}

export class PlatformReplyReader {
  private readonly splitter = new Jt808Splitter();
  /** Frames that were not a readable 0x8001 / 0x8100. */
  bad = 0;

  push(chunk: Uint8Array): PlatformReply[] {
    const out: PlatformReply[] = [];
    for (const ev of this.splitter.push(chunk)) {
      if (ev.type !== 'frame') continue;
      const p = parsePacket(ev.bytes);
      if (!p.ok) {
        this.bad++;
        continue;
      }
      const { header, body } = p.packet;
      const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
      const base = { msgId: header.msgId, uniqueId: header.uniqueId, edition: header.edition };
      if (header.msgId === MSG.platformResponse && body.length >= 5) {
        out.push({
          ...base,
          replySerial: dv.getUint16(0),
          replyId: dv.getUint16(2),
          result: dv.getUint8(4),
          authCode: null,
        });
      } else if (header.msgId === MSG.registerResponse && body.length >= 3) {
        const result = dv.getUint8(2);
        const authCode = result === 0 ? decodeGbk(body.subarray(3)) : null;
        out.push({ ...base, replySerial: dv.getUint16(0), replyId: null, result, authCode });
      } else {
        this.bad++;
      }
    }
    return out;
  }
}

export interface WatchReply {
  deviceId: string;
  type: string;
  raw: string;
}

export class WatchReplyReader {
  private readonly splitter = new WatchFrameSplitter();
  bad = 0;

  push(chunk: Uint8Array): WatchReply[] {
    const out: WatchReply[] = [];
    for (const item of this.splitter.push(chunk)) {
      if (!item.ok) {
        this.bad++;
        continue;
      }
      const f = parseWatchFrame(item.frame);
      if (!f.ok) this.bad++;
      else out.push({ deviceId: f.frame.deviceId, type: f.frame.type, raw: f.frame.raw });
    }
    return out;
  }
}
