/**
 * Benefit rules (免申即享): a typed expression over named variables, stored as JSON on a programme
 * version. The server compiles it to one SQL predicate for whole-registry runs and evaluates it in
 * TypeScript for one person (a property test proves both agree); the web rule builder edits it.
 *
 * Semantics (both evaluators): a comparison whose variable has no value (e.g. `grade` for a person
 * without an active certificate) is false, never unknown, so `not` is plain negation. Ages are
 * whole years on the reference date (the last day of the previous period; see periods.ts).
 */
import { z } from 'zod';
import { EDUCATION, EMPLOYMENT, HUKOU, LIVING_STATUS, LOW_INCOME } from './persons.js';

export const RULE_VAR_TYPES = ['number', 'boolean', 'enum'] as const;
export type RuleVarType = (typeof RULE_VAR_TYPES)[number];

export interface RuleVariableDef {
  name: string;
  type: RuleVarType;
  /** For enums: the allowed values. */
  values?: readonly string[];
  /** Number range the builder offers (and the property test draws from). */
  min?: number;
  max?: number;
  /** Unit shown after numbers (岁 / years). */
  unit?: { zh: string; en: string };
  label: { zh: string; en: string };
}

/**
 * Built-in variables, read from the registry. Programmes add their own boolean/number/enum facts
 * (e.g. `disabled_veteran`, `wheelchair_meets_gb12995`) recorded per person — see ProgramVariable.
 */
export const BUILTIN_RULE_VARIABLES: readonly RuleVariableDef[] = [
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
    values: LOW_INCOME,
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

export const VariableName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'invalid_format' });

/** A per-programme fact variable, recorded per person by staff (benefit_facts). */
export const ProgramVariable = z
  .object({
    name: VariableName,
    type: z.enum(RULE_VAR_TYPES),
    values: z.array(z.string().min(1).max(40)).min(2).max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    label: z.object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(60) }),
  })
  .strict();
export type ProgramVariable = z.infer<typeof ProgramVariable>;

export const CMP_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type CmpOp = (typeof CMP_OPS)[number];

export type RuleExpr =
  | { op: 'and'; args: RuleExpr[] }
  | { op: 'or'; args: RuleExpr[] }
  | { op: 'not'; arg: RuleExpr }
  | { op: 'cmp'; var: string; cmp: CmpOp; value: number | string | boolean }
  | { op: 'in'; var: string; values: (string | number)[] }
  | { op: 'present'; var: string }
  | { op: 'true' };

export const RuleExpr: z.ZodType<RuleExpr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('and'), args: z.array(RuleExpr).min(1).max(30) }).strict(),
    z.object({ op: z.literal('or'), args: z.array(RuleExpr).min(1).max(30) }).strict(),
    z.object({ op: z.literal('not'), arg: RuleExpr }).strict(),
    z
      .object({
        op: z.literal('cmp'),
        var: VariableName,
        cmp: z.enum(CMP_OPS),
        value: z.union([z.number().finite(), z.string().max(40), z.boolean()]),
      })
      .strict(),
    z
      .object({
        op: z.literal('in'),
        var: VariableName,
        values: z
          .array(z.union([z.number().finite(), z.string().max(40)]))
          .min(1)
          .max(30),
      })
      .strict(),
    z.object({ op: z.literal('present'), var: VariableName }).strict(),
    z.object({ op: z.literal('true') }).strict(),
  ]),
);

/** One amount item: amountFen × multiplier when `when` holds (no `when`: always). */
export const AmountItem = z
  .object({
    label: z.object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(60) }),
    amountFen: z.number().int().min(0).max(100_000_000),
    /** A constant, or a number variable (e.g. vehicles owned). Default 1. */
    multiplier: z
      .union([z.number().int().min(0).max(1000), z.object({ var: VariableName }).strict()])
      .default(1),
    when: RuleExpr.optional(),
  })
  .strict();
export type AmountItem = z.infer<typeof AmountItem>;

/** Text in both languages. */
export interface BilingualText {
  zh: string;
  en: string;
}

/**
 * Why a rule holds or not for one person: a tree mirroring the rule. Leaves state the person's
 * actual value in plain language (e.g. `年龄 64 岁，未满 65 岁 ✓` / `Age 64 years, under 65 ✓`).
 */
export interface RuleExplanation {
  passed: boolean;
  text: BilingualText;
  children?: RuleExplanation[];
}

export const RuleExplanation: z.ZodType<RuleExplanation> = z.lazy(() =>
  z
    .object({
      passed: z.boolean(),
      text: z.object({ zh: z.string(), en: z.string() }).strict(),
      children: z.array(RuleExplanation).optional(),
    })
    .strict(),
);

/**
 * Human labels of the built-in enum values (same words as the web app's, shortened where the
 * variable's label already says it: 户籍 上海 rather than 户籍 本市户籍). Programme enums show the raw value.
 */
export const RULE_ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, BilingualText>>>> = {
  hukou: { shanghai: { zh: '上海', en: 'Shanghai' }, other: { zh: '外省市', en: 'another province' } },
  living_status: {
    normal: { zh: '正常', en: 'normal' },
    moved_out: { zh: '已迁出', en: 'moved away' },
    deceased: { zh: '已去世', en: 'deceased' },
    imprisoned: { zh: '服刑中', en: 'in prison' },
  },
  low_income: {
    dibao: { zh: '低保', en: 'minimum living allowance (dibao)' },
    dibao_edge: { zh: '低保边缘', en: 'near the dibao line' },
    none: { zh: '无', en: 'none' },
  },
  gender: { male: { zh: '男', en: 'male' }, female: { zh: '女', en: 'female' } },
  employment: {
    employed: { zh: '就业', en: 'employed' },
    self_employed: { zh: '自主就业（个体）', en: 'self-employed' },
    unemployed: { zh: '未就业', en: 'not employed' },
    retired: { zh: '退休', en: 'retired' },
    student: { zh: '在校学生', en: 'student' },
    unable_to_work: { zh: '无劳动能力', en: 'unable to work' },
    unknown: { zh: '不详', en: 'not known' },
  },
  education: {
    none: { zh: '未上学', en: 'no schooling' },
    primary: { zh: '小学', en: 'primary school' },
    junior: { zh: '初中', en: 'junior secondary' },
    senior: { zh: '高中', en: 'senior secondary' },
    vocational: { zh: '中专或职高', en: 'vocational secondary' },
    college: { zh: '大专', en: 'college' },
    bachelor: { zh: '本科', en: "bachelor's degree" },
    postgraduate: { zh: '研究生', en: 'postgraduate' },
    special_school: { zh: '特殊教育学校', en: 'special education school' },
    unknown: { zh: '不详', en: 'not known' },
  },
};
