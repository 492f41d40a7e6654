/** Which variables are built in, and which numbers are offered as a list of named choices. */
import { CATEGORIES, GRADES } from '../../registry';
import type { RuleVariableDef } from '../model';

const BUILTIN_NAMES = new Set([
  'age',
  'hukou',
  'living_status',
  'low_income',
  'gender',
  'employment',
  'education',
  'has_certificate',
  'category',
  'grade',
  'owns_motorised_wheelchair',
  'has_guardian',
]);
export function isBuiltin(v: RuleVariableDef): boolean {
  return BUILTIN_NAMES.has(v.name);
}

/** Disability category and grade are numbers with names: offered as a list. */
export function numberChoices(v: RuleVariableDef): string[] {
  if (v.name === 'category') return CATEGORIES.map(String);
  if (v.name === 'grade') return GRADES.map(String);
  return [];
}
