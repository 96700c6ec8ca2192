export {
  compilePath,
  getType,
  isOperatorObject,
  paddedVersionString,
} from "./compare.ts";
export { compileCondition, compileInternal } from "./compile.ts";
export { analyzeAll, analyzePair, analyzePairs, satisfiable } from "./conflicts/analyze.ts";
export { MAX_PAIR_STEPS } from "./conflicts/budget.ts";
export {
  MAX_DEPTH,
  MAX_DNF_TERMS,
  MAX_REGEX_PATTERN_LENGTH,
  MAX_REGEX_PROGRAM_SIZE,
  MAX_REGEX_SUBJECT_LENGTH,
  MAX_SITE_REGEX_STEPS,
} from "./limits.ts";
export { evalConditionReference } from "./reference.ts";
export {
  compileSafeRegex,
  type LinearRegex,
  type LiteralRegex,
  parseLiteralRegex,
  regexSteps,
  regexUnsupported,
  testRegex,
} from "./regex.ts";
export {
  type RegexClause,
  regexBudgetError,
  regexClauses,
  regexStepsOf,
} from "./regex-budget.ts";
export {
  type AnalyzeOptions,
  type Attributes,
  type CompiledCondition,
  type CompileOptions,
  type Condition,
  type ConditionError,
  type Direction,
  type FieldSpec,
  type FieldType,
  type Issue,
  isValueOperator,
  type LogicalOperator,
  type NamedCondition,
  type Operator,
  type PairAnalysis,
  type PairReport,
  type SavedGroups,
  VALUE_OPERATORS,
  type ValueOperator,
  type VarType,
  type Verdict,
} from "./types.ts";
export { validateCondition } from "./validate.ts";
export { isPlainObject } from "./validate-ops.ts";
