/**
 * Hostile conditions for fuzzing whatever takes a condition from outside (the segment API, the
 * CLI's `segments` commands): catastrophic regex shapes, invalid syntax, arbitrary keys and values,
 * and nesting. One source for the server's and the CLI's fuzz tests.
 */
import fc from "fast-check";

/** Regex patterns: the classic catastrophic shapes, invalid syntax and arbitrary text. */
export const hostileRegex: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "^.*a.*a.*a.*a.*b$",
    "^(a+)+$",
    "(a|aa)*c",
    "(.*a){12}",
    "^(\\w+\\s?)*$",
    "(x+x+)+y",
    "(?=a)a",
    "(a)\\1",
    "[",
    "(?<n>a)\\k<n>",
    "[ab]*a[ab]{60}$",
    "[ab]*a[ab]{120}$",
    ".*a.{100}$",
  ),
  fc.integer({ min: 20, max: 125 }).map((k) => `[ab]*a[ab]{${k}}$`),
  fc.stringMatching(/^[a.*+?()|^$\\]{1,24}$/),
  fc.string({ maxLength: 40 }),
);

/**
 * Conditions with `$regex` on `regexOn[0]`, `$regexi` on `regexOn[1]` (hostile patterns), scalar
 * tests, arbitrary dictionaries and `$and`/`$or`/`$not` nesting.
 */
export function hostileCondition(regexOn: [string, string]): fc.Arbitrary<unknown> {
  const [cased, caseless] = regexOn;
  return fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.record({ [cased]: fc.record({ $regex: hostileRegex }) }),
      fc.record({ [caseless]: fc.record({ $regexi: hostileRegex }) }),
      fc.record({ deviceType: fc.constantFrom("mobile", "desktop") }),
      fc.record({ cartValue: fc.record({ $gte: fc.oneof(fc.double(), fc.string()) }) }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      fc.record({ $and: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ $or: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ $not: tie("node") }),
    ),
  })).node;
}
