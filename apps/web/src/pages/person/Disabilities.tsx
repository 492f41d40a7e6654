import { Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { disabilitiesProblem } from '@jinglin/shared';
import { SearchSelect } from '../../components/fields';
import { fieldId } from '../../forms';
import { categoryName, gradeName } from '../../registry';

/** One constituent disability as the form holds it (select values are strings). */
export interface DisabilityValue {
  category?: string;
  grade?: string;
}

const CATEGORIES = ['1', '2', '3', '4', '5', '6'];
const GRADES = ['1', '2', '3', '4'];
const MAX = 6;

/** The form's list → the request's `disabilities` (complete rows only). */
export function disabilitiesBody(list: readonly DisabilityValue[] | undefined) {
  return (list ?? [])
    .filter((d) => d.category && d.grade)
    .map((d) => ({ category: Number(d.category), grade: Number(d.grade) }));
}

/**
 * For a category-7 certificate (多重残疾): each constituent disability (category 1–6) with its
 * grade — at least two, none repeated, the most severe being the certificate's grade (the same
 * rule as the server's, `disabilitiesProblem` in the shared package). Field name `disabilities`.
 */
export function DisabilitiesField({ formName, certGrade }: { formName: string; certGrade: number }) {
  const { t } = useTranslation();
  const grades = GRADES.map((g) => ({ value: g, label: gradeName(t, Number(g)) }));
  return (
    <fieldset className="fieldset disabilities" id={fieldId(formName, 'disabilities')} tabIndex={-1}>
      <legend>{t('personForm.disabilities')}</legend>
      <p className="help-text">{t('personForm.disabilitiesHelp')}</p>
      <Form.List
        name="disabilities"
        initialValue={[{}, {}]}
        rules={[
          {
            validator: (_r, list: DisabilityValue[] | undefined) => {
              const rows = disabilitiesBody(list);
              // Incomplete rows have their own messages; the rule looks at the whole list.
              if (rows.length !== (list ?? []).length) return Promise.resolve();
              const problem =
                rows.length < 2 ? 'disabilities_too_few' : disabilitiesProblem(7, certGrade, rows);
              if (!problem) return Promise.resolve();
              const message =
                problem === 'disabilities_repeated'
                  ? t('personForm.disabilitiesRepeated')
                  : problem === 'disabilities_grade_mismatch'
                    ? t('personForm.disabilitiesGradeMismatch', {
                        grade: gradeName(t, certGrade),
                        most: gradeName(t, Math.min(...rows.map((d) => d.grade))),
                      })
                    : t('personForm.disabilitiesTooFew');
              return Promise.reject(new Error(message));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="disability-row">
                <Form.Item
                  name={[f.name, 'category']}
                  label={t('personForm.disabilityCategory', { n: i + 1 })}
                  rules={[
                    { required: true, message: t('personForm.disabilityCategoryRequired', { n: i + 1 }) },
                  ]}
                >
                  <SearchSelect
                    options={CATEGORIES.map((c) => ({ value: c, label: categoryName(t, Number(c)) }))}
                    allowClear={false}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'grade']}
                  label={t('personForm.disabilityGrade', { n: i + 1 })}
                  rules={[{ required: true, message: t('personForm.disabilityGradeRequired', { n: i + 1 }) }]}
                >
                  <SearchSelect options={grades} allowClear={false} />
                </Form.Item>
                {fields.length > 2 && (
                  <Button
                    className="disability-remove"
                    onClick={() => remove(f.name)}
                    aria-label={t('personForm.disabilityRemove', { n: i + 1 })}
                  >
                    {t('personDetail.remove')}
                  </Button>
                )}
              </div>
            ))}
            <Form.ErrorList errors={errors} className="disabilities-errors" />
            {fields.length < MAX && (
              <Button onClick={() => add({})} className="wrap-button">
                {t('personForm.disabilityAdd')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
