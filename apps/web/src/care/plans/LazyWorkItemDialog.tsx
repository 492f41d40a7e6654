/**
 * The work item dialog (antd form, selects, modal), loaded when an item is first opened: the pages
 * that offer it stay small on first load. Once loaded it stays mounted, so focus returns on close.
 */
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { WorkItemDialog as Dialog } from './WorkItemDialog';

const WorkItemDialog = lazy(() => import('./WorkItemDialog').then((m) => ({ default: m.WorkItemDialog })));

export function LazyWorkItemDialog(props: ComponentProps<typeof Dialog>) {
  const [used, setUsed] = useState(false);
  if (props.target && !used) setUsed(true);
  if (!used && !props.target) return null;
  return (
    <Suspense fallback={null}>
      <WorkItemDialog {...props} />
    </Suspense>
  );
}
