import { useState, type RefObject } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile, saveFile } from '../api';
import { useAnnounce } from '../announce';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import { filterQuery, type PersonFilters } from '../registry';
import { Dialog } from './Dialog';
import { ErrorSummary } from './ErrorSummary';

const FORM = 'personExport';
const NO_ERRORS: ProblemSummary = { items: [] };

interface Values {
  reveal?: boolean;
  reason?: string;
}

/**
 * "导出": the persons matching the list's filters as an .xlsx, masked; with the reveal permission
 * the clear values can be asked for, with a reason (audited by the server).
 */
export function ExportDialog({
  open,
  filters,
  total,
  canReveal,
  onClose,
  returnFocus,
}: {
  open: boolean;
  filters: PersonFilters;
  total: number | undefined;
  canReveal: boolean;
  onClose: () => void;
  returnFocus: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('persons.exportTitle')}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={`${FORM}_download`}
    >
      <ExportForm filters={filters} total={total} canReveal={canReveal} onClose={onClose} />
    </Dialog>
  );
}

function ExportForm({
  filters,
  total,
  canReveal,
  onClose,
}: {
  filters: PersonFilters;
  total: number | undefined;
  canReveal: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const reveal = Form.useWatch('reveal', form);
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const file = await downloadFile(
        '/persons/export',
        { ...filterQuery(filters), revealReason: v.reveal ? v.reason?.trim() : undefined },
        'persons.xlsx',
      );
      saveFile(file);
      const rows = Number(file.headers.get('x-row-count') ?? total ?? 0);
      announce(t('persons.exported', { count: rows }));
      onClose();
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, ['reason'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{total === undefined ? t('persons.exportIntroAll') : t('persons.exportIntro', { count: total })}</p>
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
      >
        {canReveal && (
          <>
            <Form.Item name="reveal" valuePropName="checked" extra={t('persons.exportRevealHelp')}>
              <Checkbox>{t('persons.exportReveal')}</Checkbox>
            </Form.Item>
            {reveal && (
              <Form.Item
                name="reason"
                label={t('persons.exportReason')}
                extra={t('persons.reasonHelp')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('errors.required', { field: t('persons.exportReason') }),
                  },
                  {
                    validator: (_r, v: unknown) =>
                      typeof v !== 'string' || !v.trim() || [...v.trim()].length >= 4
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('persons.reasonTooShort'))),
                  },
                ]}
              >
                <Input autoComplete="off" maxLength={200} />
              </Form.Item>
            )}
          </>
        )}
        <div className="toolbar">
          <Button id={`${FORM}_download`} type="primary" htmlType="submit" loading={busy}>
            {busy ? t('persons.exporting') : t('persons.exportDownload')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
