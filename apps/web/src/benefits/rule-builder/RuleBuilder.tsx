/**
 * The rule builder: a tree of groups (all of / any of / not) and conditions, built from native
 * fieldsets, selects and inputs so that every part is reachable with Tab and changed with the
 * keyboard, and a screen reader hears each condition's group (its legend) on entering it.
 */
import { useEffect, useRef } from 'react';
import type { RuleVariableDef } from '../model';
import type { UiGroup } from '../rules';
import type { Ctx, NodeErrors } from './context';
import { GroupEditor } from './GroupEditor';

export type { NodeErrors } from './context';

export function RuleBuilder({
  value,
  onChange,
  vars,
  errors,
  legend,
  disabled = false,
}: {
  value: UiGroup;
  onChange: (next: UiGroup) => void;
  vars: readonly RuleVariableDef[];
  errors: NodeErrors;
  legend: string;
  disabled?: boolean;
}) {
  // After adding a node, focus its first control once it is on the page.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = document.getElementById(pendingFocus.current);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  });
  const ctx: Ctx = {
    root: value,
    vars,
    errors,
    disabled,
    set: onChange,
    focusLater: (id) => {
      pendingFocus.current = id;
    },
  };
  return <GroupEditor group={value} ctx={ctx} depth={0} number="" legend={legend} />;
}
