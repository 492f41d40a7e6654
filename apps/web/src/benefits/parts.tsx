/** Small pieces the benefits pages share: the example marker, explanations, state tags. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { useBT } from './i18n';
import { pick, type CycleOut, type EntitlementState, type Explanation } from './model';
import './benefits.css';

/** Programmes whose rules the federation has not confirmed: marked wherever they appear. */
export function ExampleTag({ example }: { example: boolean }) {
  const { t } = useBT();
  if (!example) return null;
  return <span className="tag tag-example">{t('example')}</span>;
}

/**
 * Why a rule holds or not, rule by rule: ✓ / ✗ with the words "符合" / "不符合" for screen readers
 * (never colour alone).
 */
export function ExplanationTree({ node, top = true }: { node: Explanation; top?: boolean }) {
  const { i18n } = useTranslation();
  const { t } = useBT();
  const text = pick(node.text, i18n.language).replace(/\s*[✓✗]\s*$/, '');
  const item = (
    <>
      <span className={node.passed ? 'expl-mark expl-pass' : 'expl-mark expl-fail'} aria-hidden="true">
        {node.passed ? '✓' : '✗'}
      </span>{' '}
      <span className="visually-hidden">{node.passed ? t('explain.passed') : t('explain.failed')}</span>
      {text}
      {node.children && node.children.length > 0 && (
        <ul className="expl-list">
          {node.children.map((c, i) => (
            <li key={i}>
              <ExplanationTree node={c} top={false} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return top ? <div className="expl">{item}</div> : item;
}

export function EntitlementStateTag({ state }: { state: EntitlementState }) {
  const { t } = useBT();
  const cls =
    state === 'paid' || state === 'approved'
      ? 'tag tag-ok'
      : state === 'rejected' || state === 'cancelled'
        ? 'tag tag-danger'
        : 'tag';
  return <span className={cls}>{t(`entState.${state}`)}</span>;
}

/** A part of a page with its own request: loading, error, or its content. */
export function Part<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error)
    return (
      <p className="notice notice-warning" role="alert">
        {isApiError(query.error) ? query.error.detail : t('errors.network')}
      </p>
    );
  if (query.isPending || query.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  return <>{children(query.data)}</>;
}

/** An error message from a failed request. */
export function errorText(e: unknown, fallback: string): string {
  if (!isApiError(e)) return e instanceof Error && e.message ? e.message : fallback;
  return e.fieldErrors[0] && e.fieldErrors.length === 1 && !e.detail ? e.fieldErrors[0].message : e.detail;
}

export function CycleStateTag({ state }: { state: CycleOut['state'] }) {
  const { t } = useBT();
  const cls = state === 'ready' ? 'tag tag-ok' : state === 'failed' ? 'tag tag-danger' : 'tag';
  return <span className={cls}>{t(`cycleState.${state}`)}</span>;
}

export function CountsText({ counts }: { counts: Record<string, number> }) {
  const { t, i18n } = useBT();
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${t(`entState.${s as EntitlementState}`)} ${n}`);
  if (parts.length === 0) return <span className="muted">—</span>;
  return <>{parts.join(i18n.language === 'en' ? ', ' : '，')}</>;
}
