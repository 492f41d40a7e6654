/**
 * Rating a completed visit: five radio buttons with words (很满意 … 很不满意), never stars alone,
 * and a comment. Once rated, the rating and comment are shown in words.
 */
import { useState } from 'react';
import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useAT } from '../i18n';
import { RATINGS, type Booking } from './model';

interface Values {
  rating?: number;
  comment?: string;
}

export function FeedbackForm({ booking: b, onDone }: { booking: Booking; onDone: () => void }) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const formName = `accRate_${b.id.slice(0, 8)}`;
  if (b.rating !== null)
    return (
      <p className="acc-rated">
        {t('resident.rate.yours', {
          words: t(`resident.rate.level.${String(b.rating) as '1' | '2' | '3' | '4' | '5'}`),
        })}
        {b.feedback && <span className="acc-text"> {t('resident.rate.comment', { text: b.feedback })}</span>}
      </p>
    );
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      await api.post<Booking>(`/me/accompaniment/bookings/${b.id}/feedback`, {
        rating: v.rating,
        comment: (v.comment ?? '').trim(),
      });
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['rating', 'comment'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={`${formName}-h`}>
      <h4 id={`${formName}-h`}>{t('resident.rate.title')}</h4>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="rating"
          label={t('resident.rate.question')}
          rules={[{ required: true, message: t('resident.rate.required') }]}
        >
          <Radio.Group className="acc-choices">
            {RATINGS.map((r) => (
              <Radio key={r} value={r}>
                {t(`resident.rate.level.${String(r) as '1' | '2' | '3' | '4' | '5'}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={`${t('resident.rate.commentLabel')}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" size="large" type="primary" loading={busy}>
          {t('resident.rate.submit')}
        </Button>
      </Form>
    </section>
  );
}
