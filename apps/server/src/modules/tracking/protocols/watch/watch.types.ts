/**
 * Types of the "watch" protocol (3G / SeTracker-style watches): `[MF*ID*LEN*CONTENT]` over TCP.
 * See /shared/protocols/TRACKING.md. Everything here is pure: bytes or text in, values out.
 */
import type { DecodedPosition } from '../position.js';

/** Why a piece of input could not be used. Never thrown: returned, with the raw text for the log. */
export type WatchErrorCode =
  /** bytes outside any frame (other than whitespace) */
  | 'junk'
  /** a frame interrupted by the next '[' before its ']' */
  | 'truncated'
  /** a frame longer than the splitter's bound (discarded up to the next '[') */
  | 'too_long'
  /** the connection closed in the middle of a frame */
  | 'incomplete'
  /** `[MF*ID*LEN*` is not readable */
  | 'bad_header'
  /** the content of a known message type has the wrong shape or an unreadable field */
  | 'bad_content'
  /** an argument given to an encoder is out of range */
  | 'bad_argument';

export interface WatchError {
  ok: false;
  code: WatchErrorCode;
  message: string;
  /** The offending input as text (UTF-8, invalid bytes replaced), cut to RAW_TEXT_LIMIT characters. */
  raw: string;
}

/** The longest `raw` kept in an error, so a flood of junk can't flood the log. */
export const RAW_TEXT_LIMIT = 512;

/** A frame whose header was read; the content is not yet interpreted. */
export interface WatchFrame {
  /** Two characters: `SG`, `3G`, `CS`, `ZJ`… Replies must use the same. */
  manufacturer: string;
  /** The watch id (usually 10 digits, IMEIs on some models): the device's uniqueId. */
  deviceId: string;
  /** The extra serial field of the `ZJ` dialect `[ZJ*ID*IDX*LEN*CONTENT]`, echoed in replies; else null. */
  index: string | null;
  /** LEN from the header. Not trusted (the closing bracket ends the frame); kept for diagnostics. */
  declaredLength: number;
  /** The message type: the content up to the first ',' (`LK`, `UD`, `UD2`, `AL`, …). */
  type: string;
  /** The content after the type and its ',' ('' when there is none). */
  body: string;
  /** The whole frame as received, text. */
  raw: string;
}

/** Who a frame is addressed to (or came from): what a reply or command must repeat. */
export interface WatchAddress {
  manufacturer: string;
  deviceId: string;
  index?: string | null;
}

/** `LK`: the watch is alive; some models add `steps,rolls,battery%`. */
export interface WatchKeepAlive {
  kind: 'keepalive';
  steps: number | null;
  rolls: number | null;
  batteryPercent: number | null;
  /** The LK arguments as received when they were not the documented three ('' when none). */
  attributes: Record<string, string | number | boolean>;
}

/** `UD` (position), `UD2` (back-filled), `AL` (alarm) and their vendor variants (`UD_LTE`, `UD3`…). */
export interface WatchPositionMessage {
  kind: 'position';
  /** true for `AL*` frames: the watch raised an alarm (the alarms themselves are in `position.alarms`). */
  alarmFrame: boolean;
  position: DecodedPosition;
}

/** Any other message type: read, not interpreted (no reply is owed). */
export interface WatchOtherMessage {
  kind: 'other';
}

export type WatchMessage = WatchKeepAlive | WatchPositionMessage | WatchOtherMessage;

/**
 * The outcome of one frame. `reply` is the text the gateway must write back (`LK`, `AL`), set
 * whenever the header was readable — also when the content is malformed, because a watch that is
 * not answered stops reporting (LK) or repeats its alarm forever (AL).
 */
export type WatchDecodeResult =
  | { ok: true; frame: WatchFrame; reply: string | null; message: WatchMessage }
  | { ok: false; frame: WatchFrame | null; reply: string | null; error: WatchError };

export interface WatchDecodeOptions {
  /**
   * Offset of the watch's clock from UTC, in minutes. Default 0: these watches send UTC unless
   * told otherwise (`LZ,<lang>,<tz>` makes some of them send local time, e.g. 480 for GMT+8).
   */
  utcOffsetMinutes?: number;
}
