/**
 * The seam between the gateways (TCP JT/T 808 and watch servers, the OsmAnd HTTP route: bytes in,
 * replies out) and the tracking service (devices, consent, storage, zones, alerts). Gateways call
 * only this interface; the service implements it.
 */
import type { DecodedPosition, Protocol } from './protocols/position.js';

export interface KnownDevice {
  id: string;
  uniqueId: string;
  protocol: Protocol;
}

export type RegisterOutcome =
  | { ok: true; authCode: string }
  /** JT/T 808 0x8100 results: 1 vehicle registered, 2 no such vehicle, 3 terminal registered, 4 no such terminal. */
  | { ok: false; result: 1 | 2 | 3 | 4 };

export interface IngestSink {
  /** The registered device with this uniqueId (any protocol it is registered under), or undefined: then frames are answered as the protocol requires and nothing is stored. */
  findDevice(uniqueId: string, protocol: Protocol): Promise<KnownDevice | undefined>;
  /** JT/T 808 0x0100: issue (and remember) an auth code for a registered device, or refuse. */
  registerTerminal(uniqueId: string): Promise<RegisterOutcome>;
  /** JT/T 808 0x0102: is this the code issued to the device? */
  checkAuthCode(uniqueId: string, code: string): Promise<boolean>;
  /**
   * Store and evaluate positions of a known device: consent check, ordering by fix time, jitter
   * filter, zones, alerts. Resolves once stored (the gateway then answers the device).
   */
  ingest(device: KnownDevice, positions: DecodedPosition[], receivedAt: Date): Promise<void>;
  /** A frame arrived from the device (keep-alive included): online status and last-seen time. */
  seen(device: KnownDevice, at: Date): Promise<void>;
}
