export {
  compilePath,
  getType,
  isOperatorObject,
  paddedVersionString,
} from "./compare.ts";
export { compileCondition, compileInternal } from "./compile.ts";
export { analyzeAll, analyzePair, analyzePairs, satisfiable } from "./conflicts/analyze.ts";
export { MAX_PAIR_STEPS } from "./conflicts/budget.ts";
export * from "./limits.ts";
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
export * from "./types.ts";
export { validateCondition } from "./validate.ts";
export { isPlainObject } from "./validate-ops.ts";
