/**
 * A volunteer's masked phone with "show full number" for care.manage: a dialog asks the reason
 * (required, audited by the server), then shows the number in the dialog and beside the mask.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useNT } from './i18n';

export function RevealPhone({
  volunteerId,
  name,
  masked,
  canReveal,
}: {
  volunteerId: string;
  name: string;
  masked: string;
  canReveal: boolean;
}) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLElement | null>(null);
  const shown = useRef<HTMLParagraphElement>(null);
  // The number replaces the form: focus moves to it, so it is read out at once.
  useEffect(() => {
    if (phone && open) shown.current?.focus();
  }, [phone, open]);
  const submit = async (v: { reason: string }) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const out = await api.post<{ phone: string }>(`/care/volunteers/${volunteerId}/reveal`, {
        reason: v.reason.trim(),
      });
      setPhone(out.phone);
    } catch (e) {
      setSummary(applyProblem(form, 'revealPhone', e, ['reason'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="phone-reveal">
      <span>{phone ?? masked}</span>
      {canReveal && !phone && (
        <Button
          onClick={(e) => {
            trigger.current = e.currentTarget;
            setOpen(true);
          }}
        >
          {t('reveal.button')}
        </Button>
      )}
      <Dialog
        open={open}
        title={t('reveal.title', { name })}
        onClose={() => setOpen(false)}
        returnFocus={trigger}
        initialFocus={phone ? 'reveal-close' : 'revealPhone_reason'}
      >
        {phone ? (
          <>
            <p id="reveal-shown" ref={shown} tabIndex={-1} className="notice notice-success">
              {t('reveal.shown', { phone })}
            </p>
            <Button id="reveal-close" onClick={() => setOpen(false)}>
              {t('reveal.close')}
            </Button>
          </>
        ) : (
          <>
            <ErrorSummary items={summary.items} title={summary.title} />
            <p id="reveal-help">{t('reveal.help')}</p>
            <Form
              form={form}
              name="revealPhone"
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
              onFinishFailed={(info) =>
                setSummary({ items: summaryFromValidation('revealPhone', info as ValidationInfo) })
              }
            >
              <Form.Item
                name="reason"
                label={t('reveal.reason')}
                rules={[
                  {
                    validator: async (_, v: string | undefined) =>
                      (v ?? '').trim().length >= 4
                        ? undefined
                        : Promise.reject(new Error(t('reveal.reasonShort'))),
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={200} aria-describedby="reveal-help" />
              </Form.Item>
              <div className="toolbar">
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('reveal.submit')}
                </Button>
                <Button onClick={() => setOpen(false)}>{tc('common.cancel')}</Button>
              </div>
            </Form>
          </>
        )}
      </Dialog>
    </span>
  );
}
