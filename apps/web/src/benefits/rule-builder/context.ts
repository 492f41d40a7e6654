/** What every part of the rule builder shares: the whole tree, the variables, errors, the setter. */
import type { RuleVariableDef } from '../model';
import type { UiGroup } from '../rules';

/** Messages shown next to nodes (node key → message). */
export type NodeErrors = ReadonlyMap<string, string>;

export interface Ctx {
  root: UiGroup;
  vars: readonly RuleVariableDef[];
  errors: NodeErrors;
  disabled: boolean;
  set: (next: UiGroup) => void;
  focusLater: (id: string) => void;
}
