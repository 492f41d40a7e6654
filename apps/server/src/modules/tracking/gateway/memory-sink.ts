/** An in-memory IngestSink for gateway, simulator and bench tests: devices, auth codes, positions. */
import type { IngestSink, KnownDevice, RegisterOutcome } from '../ingest.port.js';
import type { DecodedPosition, Protocol } from '../protocols/position.js';

export class MemorySink implements IngestSink {
  readonly devices = new Map<string, KnownDevice>();
  readonly codes = new Map<string, string>();
  readonly positions: DecodedPosition[] = [];
  readonly seenIds: string[] = [];
  /** Milliseconds each ingest takes (to test backpressure and order). */
  ingestDelayMs = 0;
  /** Make the next ingest calls fail. */
  failIngest = false;

  add(uniqueId: string, protocol: Protocol): KnownDevice {
    const d = { id: `dev-${protocol}-${uniqueId}`, uniqueId, protocol };
    this.devices.set(uniqueId, d);
    return d;
  }

  async findDevice(uniqueId: string): Promise<KnownDevice | undefined> {
    return this.devices.get(uniqueId);
  }
  async registerTerminal(uniqueId: string): Promise<RegisterOutcome> {
    if (!this.devices.has(uniqueId)) return { ok: false, result: 4 };
    const code = `C${uniqueId.slice(-6)}`;
    this.codes.set(uniqueId, code);
    return { ok: true, authCode: code };
  }
  async checkAuthCode(uniqueId: string, code: string): Promise<boolean> {
    return this.codes.get(uniqueId) === code;
  }
  async ingest(_device: KnownDevice, positions: DecodedPosition[]): Promise<void> {
    if (this.ingestDelayMs > 0) await new Promise((r) => setTimeout(r, this.ingestDelayMs));
    if (this.failIngest) throw new Error('storage down');
    this.positions.push(...positions);
  }
  async seen(device: KnownDevice): Promise<void> {
    this.seenIds.push(device.id);
  }
}
