/**
 * What the platform answers to each decoded JT/T 808 message, and which positions to hand on.
 * Pure: the platform serial comes in and the next one goes out; the TCP gateway keeps the state.
 */
import type { DecodedPosition } from '../position.js';
import { encodePlatformResponse, encodeRegisterResponse } from './jt808.encode.js';
import {
  MSG,
  type Jt808Authenticate,
  type Jt808Header,
  type Jt808Register,
  type Jt808Result,
} from './jt808.types.js';

/** The register decision: an auth code (result 0), or a refusal result of 0x8100. */
export type Jt808RegisterDecision = string | { result: 1 | 2 | 3 | 4 };

export interface Jt808SessionContext {
  /** The platform's serial for the next message it sends (WORD). */
  serial: number;
  /** Called for 0x0100: the auth code to issue, or a refusal. */
  authCode: (register: Jt808Register) => Jt808RegisterDecision;
  /** Called for 0x0102: false answers 0x8001 result 1 (fail). Default: accept. */
  checkAuth?: (auth: Jt808Authenticate) => boolean;
}

export interface Jt808Reply {
  msgId: number;
  /** The 0x8001 / 0x8100 result. */
  result: number;
  /** The encoded frame to write to the socket. */
  frame: Uint8Array;
}

export interface Jt808SessionStep {
  reply: Jt808Reply | null;
  /** The platform serial after this step (advanced by one when a reply was built). */
  nextSerial: number;
  /** Positions to store and evaluate (from 0x0200 and 0x0704). */
  positions: DecodedPosition[];
  /** The code issued by a 0x8100 result 0. */
  issuedAuthCode: string | null;
}

function general(
  to: Jt808Header,
  ctx: Jt808SessionContext,
  result: 0 | 1 | 2 | 3,
  positions: DecodedPosition[] = [],
) {
  const frame = encodePlatformResponse(to, ctx.serial, result);
  return step({ msgId: MSG.platformResponse, result, frame }, ctx, positions);
}

function step(
  reply: Jt808Reply | null,
  ctx: Jt808SessionContext,
  positions: DecodedPosition[] = [],
  issuedAuthCode: string | null = null,
): Jt808SessionStep {
  return {
    reply,
    nextSerial: reply ? (ctx.serial + 1) & 0xffff : ctx.serial & 0xffff,
    positions,
    issuedAuthCode,
  };
}

/**
 * The reply (per TRACKING.md) and the positions for one reader result:
 * - 0x0100 → 0x8100 (auth code from `ctx.authCode`);
 * - 0x0002, 0x0003, 0x0102, 0x0200, 0x0704 → 0x8001 result 0 (0x0102 result 1 if `checkAuth` says no);
 * - a sub-package part → 0x8001 result 0 for that part; the reassembled message then gets no
 *   second 0x8001 (its parts were answered), but a reassembled 0x0100 still gets its 0x8100;
 * - 0x0001 (the terminal answering us) → no reply;
 * - an error with a readable header → 0x8001 result 3 for `unsupported`, else result 2;
 *   without a header → no reply.
 */
export function respond(input: Jt808Result, ctx: Jt808SessionContext): Jt808SessionStep {
  if (!input.ok) {
    const { header, code } = input.error;
    if (!header) return step(null, ctx);
    return general(header, ctx, code === 'unsupported' ? 3 : 2);
  }
  const msg = input.message;
  const reassembled = msg.type !== 'fragment' && msg.header.subPackage !== null;
  const ack = (positions: DecodedPosition[] = []) =>
    reassembled ? step(null, ctx, positions) : general(msg.header, ctx, 0, positions);
  switch (msg.type) {
    case 'fragment':
      return general(msg.header, ctx, 0);
    case 'terminal_response':
      return step(null, ctx);
    case 'register': {
      const decision = ctx.authCode(msg);
      const result = typeof decision === 'string' ? 0 : decision.result;
      const code = typeof decision === 'string' ? decision : null;
      const frame = encodeRegisterResponse(msg.header, ctx.serial, result, code ?? '');
      return step({ msgId: MSG.registerResponse, result, frame }, ctx, [], code);
    }
    case 'authenticate':
      if (ctx.checkAuth && !ctx.checkAuth(msg)) return general(msg.header, ctx, 1);
      return ack();
    case 'heartbeat':
    case 'logout':
      return ack();
    case 'location':
      return ack([msg.position]);
    case 'batch':
      return ack(msg.positions);
  }
}
