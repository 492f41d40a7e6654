/**
 * Gateway counters, per protocol: connections, frames, replies, positions, malformed input by
 * code, frames from unknown devices, failed ingests. Plain numbers, read with `snapshot()`.
 */
import type { Protocol } from '../protocols/position.js';

export interface ProtocolStats {
  /** Connections open now (TCP protocols; 0 for OsmAnd). */
  connectionsOpen: number;
  /** Connections accepted since start. */
  connectionsTotal: number;
  /** Connections refused because the server was at its maximum. */
  connectionsRejected: number;
  /** Connections closed for idleness. */
  idleTimeouts: number;
  /** Frames (or HTTP requests) decoded well enough to be handled. */
  frames: number;
  /** Replies written to devices. */
  replies: number;
  /** Positions handed to the sink (stored or filtered by it). */
  positions: number;
  /** Malformed input by error code (`bad_checksum`, `junk`, …). */
  malformed: Record<string, number>;
  /** Frames from devices that are not registered (answered, not stored). */
  unknownDeviceFrames: number;
  /** JT/T 808 frames carrying positions from a terminal not authenticated on its connection (answered failure, not stored). */
  unauthenticatedFrames: number;
  /** Sink calls that failed (the device was answered with a failure, or not at all). */
  ingestErrors: number;
}

export type GatewayStats = Record<Protocol, ProtocolStats>;

function empty(): ProtocolStats {
  return {
    connectionsOpen: 0,
    connectionsTotal: 0,
    connectionsRejected: 0,
    idleTimeouts: 0,
    frames: 0,
    replies: 0,
    positions: 0,
    malformed: {},
    unknownDeviceFrames: 0,
    unauthenticatedFrames: 0,
    ingestErrors: 0,
  };
}

export class GatewayCounters {
  readonly jt808 = empty();
  readonly watch = empty();
  readonly osmand = empty();

  of(protocol: Protocol): ProtocolStats {
    return this[protocol];
  }

  malformed(protocol: Protocol, code: string): void {
    const m = this[protocol].malformed;
    m[code] = (m[code] ?? 0) + 1;
  }

  /** A copy, safe to hand out. */
  snapshot(): GatewayStats {
    const copy = (s: ProtocolStats): ProtocolStats => ({ ...s, malformed: { ...s.malformed } });
    return { jt808: copy(this.jt808), watch: copy(this.watch), osmand: copy(this.osmand) };
  }
}
