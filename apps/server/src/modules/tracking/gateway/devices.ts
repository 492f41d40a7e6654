/**
 * Per-connection view of the sink: device lookups cached for a short while (a connection may carry
 * several devices, e.g. through a multiplexing proxy), `seen` throttled and not awaited, ingest
 * failures counted.
 */
import type { IngestSink, KnownDevice } from '../ingest.port.js';
import type { DecodedPosition, Protocol } from '../protocols/position.js';
import type { Connection } from './tcp.js';
import { deviceRef, safeError } from './redact.js';
import type { ProtocolStats } from './stats.js';

/** How long a lookup (known or unknown) is trusted; a device registered meanwhile waits this long. */
export const LOOKUP_TTL_MS = 30_000;
/** `seen` is called at most this often per device and connection. */
export const SEEN_EVERY_MS = 30_000;
/** Devices remembered per connection (a proxy may carry many). */
const MAX_CACHED = 50_000;

interface Entry {
  device: KnownDevice | undefined;
  lookedUpAt: number;
  seenAt: number;
}

export class DeviceLookup {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly sink: IngestSink,
    private readonly protocol: Protocol,
    private readonly stats: ProtocolStats,
    private readonly conn: Connection,
  ) {}

  /** The internal id of a device already looked up on this connection (for log lines), else null. */
  cachedId(uniqueId: string): string | null {
    return this.cache.get(uniqueId)?.device?.id ?? null;
  }

  /** The registered device (and `seen` called when due), or undefined (counted as unknown). */
  async find(uniqueId: string, now = Date.now()): Promise<KnownDevice | undefined> {
    let e = this.cache.get(uniqueId);
    if (!e || now - e.lookedUpAt > LOOKUP_TTL_MS) {
      try {
        const device = await this.sink.findDevice(uniqueId, this.protocol);
        e = { device, lookedUpAt: now, seenAt: e?.device?.id === device?.id ? (e?.seenAt ?? 0) : 0 };
      } catch (err) {
        this.stats.ingestErrors++;
        this.conn.log.error({ err: safeError(err), ...deviceRef(uniqueId) }, 'device lookup failed');
        return undefined;
      }
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(uniqueId, e);
    }
    if (!e.device) {
      this.stats.unknownDeviceFrames++;
      return undefined;
    }
    if (now - e.seenAt >= SEEN_EVERY_MS) {
      e.seenAt = now;
      // Not awaited: the reply does not depend on it (the sink writes it with its next batch).
      const deviceId = e.device.id;
      this.sink.seen(e.device, new Date(now)).catch((err: unknown) => {
        this.conn.log.warn({ err: safeError(err), deviceId }, 'seen failed');
      });
    }
    return e.device;
  }

  /** Stores positions; false when the sink failed (logged, counted). */
  async ingest(device: KnownDevice, positions: DecodedPosition[]): Promise<boolean> {
    if (positions.length === 0) return true;
    try {
      await this.sink.ingest(device, positions, new Date());
      this.stats.positions += positions.length;
      return true;
    } catch (err) {
      this.stats.ingestErrors++;
      this.conn.log.error({ err: safeError(err), deviceId: device.id }, 'ingest failed');
      return false;
    }
  }
}
