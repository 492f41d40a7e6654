/**
 * The built-in rule variables, as plain data. The shared package's BUILTIN_RULE_VARIABLES lives in
 * a module with Zod schemas, whose top-level calls would bring Zod (~40 KB gzip) into the bundle;
 * variables.test.ts keeps this copy equal to the shared list.
 */
import type { RuleVariableDef } from '@jinglin/shared';
import { EDUCATION, EMPLOYMENT, HUKOU, LIVING_STATUS } from '../registry';

export const BUILTIN_VARIABLES: readonly RuleVariableDef[] = [
  {
    name: 'age',
    type: 'number',
    min: 0,
    max: 120,
    unit: { zh: '岁', en: 'years' },
    label: { zh: '年龄', en: 'Age' },
  },
  { name: 'hukou', type: 'enum', values: HUKOU, label: { zh: '户籍', en: 'Hukou' } },
  {
    name: 'living_status',
    type: 'enum',
    values: LIVING_STATUS,
    label: { zh: '生存状态', en: 'Living status' },
  },
  {
    name: 'low_income',
    type: 'enum',
    values: ['dibao', 'dibao_edge', 'none'],
    label: { zh: '低保状况', en: 'Low-income status' },
  },
  { name: 'gender', type: 'enum', values: ['male', 'female'], label: { zh: '性别', en: 'Gender' } },
  { name: 'employment', type: 'enum', values: EMPLOYMENT, label: { zh: '就业状况', en: 'Employment' } },
  { name: 'education', type: 'enum', values: EDUCATION, label: { zh: '文化程度', en: 'Education' } },
  {
    name: 'has_certificate',
    type: 'boolean',
    label: { zh: '持有效残疾人证', en: 'Holds a valid certificate' },
  },
  { name: 'category', type: 'number', min: 1, max: 7, label: { zh: '残疾类别', en: 'Disability category' } },
  { name: 'grade', type: 'number', min: 1, max: 4, label: { zh: '残疾等级', en: 'Disability grade' } },
  {
    name: 'owns_motorised_wheelchair',
    type: 'boolean',
    label: { zh: '拥有机动轮椅车', en: 'Owns a motorised wheelchair' },
  },
  { name: 'has_guardian', type: 'boolean', label: { zh: '有监护人', en: 'Has a guardian' } },
];
