/**
 * Needs cases (诉求): the service other parts of the care network call (`careOf(p).needs`), and the
 * staff operations on a case. Cases are scoped by the person's street / community: out of scope is
 * 404 for one case and filtered out of lists.
 */
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { raiseNeed, type RaiseNeedInput, type RaisedNeed } from './needs.raise.js';

export type { RaiseNeedInput, RaisedNeed };

export class NeedsService {
  constructor(private readonly p: Platform) {}

  /**
   * Creates a case inside the caller's transaction (see needs.raise.ts). The caller has checked the
   * person is theirs; `input.ownerUserId` undefined picks the person's responsible worker.
   */
  raiseNeed(tx: Tx, actor: Actor, input: RaiseNeedInput, now = new Date()): Promise<RaisedNeed> {
    return raiseNeed(this.p, tx, actor, input, now);
  }
}
