/** Which bulk actions a cycle's entitlement list offers. */
import type { EntitlementState } from '../model';

export type BulkAction = 'submit' | 'approve' | 'reject' | 'cancel';

/**
 * The actions for someone who may run cycles (`run`) and/or approve (`approve`); the approval
 * queue (`fixedState` pending_approval) offers only approve and reject.
 */
export function bulkActions(run: boolean, approve: boolean, fixedState?: EntitlementState): BulkAction[] {
  const actions: BulkAction[] = [];
  if (run && (!fixedState || fixedState === 'draft')) actions.push('submit');
  if (approve && (!fixedState || fixedState === 'pending_approval')) actions.push('approve', 'reject');
  if (run && !fixedState) actions.push('cancel');
  return actions;
}
