/**
 * The columns of a persons spreadsheet: each field's Chinese header, the variants we accept, and
 * finding the header row (it may follow a title row or two).
 */
export const FIELDS = [
  'name',
  'idNumber',
  'certificateNumber',
  'certificateIssuedAt',
  'gender',
  'birthDate',
  'phone',
  'hukou',
  'street',
  'community',
  'address',
  'lowIncome',
] as const;
export type Field = (typeof FIELDS)[number];

/** The header each field is reported under (errors, error report, export). */
export const COLUMN_LABELS: Record<Field, string> = {
  name: '姓名',
  idNumber: '身份证号',
  certificateNumber: '残疾人证号',
  certificateIssuedAt: '发证日期',
  gender: '性别',
  birthDate: '出生日期',
  phone: '联系电话',
  hukou: '户籍',
  street: '街镇',
  community: '居委',
  address: '住址',
  lowIncome: '低保',
};

const ALIASES: Record<Field, string[]> = {
  name: ['姓名', '名字', '人员姓名', '残疾人姓名', 'name'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '身份证',
    '身份证件号码',
    '证件号码',
    'idnumber',
  ],
  certificateNumber: [
    '残疾人证号',
    '残疾证号',
    '残疾人证号码',
    '残疾证号码',
    '残疾人证编号',
    '残疾证编号',
    '残疾人证',
  ],
  certificateIssuedAt: ['发证日期', '发证时间', '办证日期', '持证日期', '残疾人证发证日期'],
  gender: ['性别', 'gender'],
  birthDate: ['出生日期', '出生年月日', '生日', '出生时间', 'birthdate'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', 'phone'],
  hukou: ['户籍', '户籍地', '户籍所在地', '户口', '户口所在地', '户籍性质', '户籍类别', 'hukou'],
  street: ['街镇', '街道', '街道镇', '街道或镇', '所属街镇', '所属街道', '街道乡镇', 'street', 'streetcode'],
  community: ['居委', '居委会', '居民区', '社区', '所属居委', '居村委', '居民委员会', 'community'],
  address: ['住址', '地址', '家庭住址', '居住地址', '现住址', '联系地址', '家庭地址', 'address'],
  lowIncome: ['低保', '低保情况', '是否低保', '低保状态', '低保类别', 'lowincome'],
};

/** Header text compared without spaces, brackets, slashes, required-marks or a trailing colon. */
export function normaliseHeader(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000()[\]/\\*:：、]/g, '')
    .toLowerCase();
}

const LOOKUP = new Map<string, Field>(
  FIELDS.flatMap((f) => ALIASES[f].map((a) => [normaliseHeader(a), f] as const)),
);

export type ColumnMap = Partial<Record<Field, number>>;

/** The fields found in a row of header texts (the first column wins when two mean the same). */
export function mapHeader(cells: string[]): ColumnMap {
  const map: ColumnMap = {};
  cells.forEach((c, i) => {
    const f = LOOKUP.get(normaliseHeader(c));
    if (f && map[f] === undefined) map[f] = i;
  });
  return map;
}

/** A header row names at least the person's name and ID number. */
export const isHeader = (m: ColumnMap) => m.name !== undefined && m.idNumber !== undefined;

/** How many leading non-empty rows may come before the header (titles, notes). */
export const HEADER_SEARCH_ROWS = 10;
