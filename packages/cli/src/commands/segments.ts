import { readFileSync } from "node:fs";
import { compileCondition, evalConditionReference } from "@intently/conditions";
import { segmentConflicts } from "@intently/engine";
import { CliError, type Command } from "../command.ts";
import { inputFile } from "../flags.ts";

function readJson(path: string, what: string): unknown {
  const text = path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} is not valid JSON: ${(e as Error).message}`, 1);
  }
}

type Case = [
  name: string,
  condition: unknown,
  attributes: unknown,
  expected: boolean,
  savedGroups?: unknown,
];

function isCase(c: unknown): c is Case {
  return Array.isArray(c) && c.length >= 4 && typeof c[0] === "string" && typeof c[3] === "boolean";
}

export const segmentsTestCommand: Command = {
  name: ["segments", "test"],
  summary: "Run the evalCondition cases of a GrowthBook cases.json against our evaluator",
  usage: `--cases FILE [--json]

  --cases FILE   a GrowthBook SDK cases.json (its "evalCondition" list is run unmodified)
  --json         print {total, passed, failed:[names]} as JSON`,
  options: { cases: { type: "string" }, json: { type: "boolean" } },
  async run(v) {
    const doc = readJson(inputFile(v, "cases"), "--cases") as { evalCondition?: unknown };
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.evalCondition)) {
      throw new CliError('--cases has no "evalCondition" list', 1);
    }
    const failed: string[] = [];
    let total = 0;
    for (const c of doc.evalCondition) {
      if (!isCase(c)) throw new CliError(`--cases: malformed case at index ${total}`, 1);
      total++;
      const [name, condition, attributes, expected, groups] = c;
      const attrs = (attributes ?? {}) as Record<string, unknown>;
      const saved = groups as Record<string, unknown[]> | undefined;
      const got = compileCondition(condition)(attrs, saved);
      const ref = evalConditionReference(condition, attrs, saved);
      if (got !== expected || ref !== expected) failed.push(name);
    }
    const result = { total, passed: total - failed.length, failed };
    if (v.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(`${result.passed}/${total} evalCondition cases pass\n`);
      for (const f of failed) process.stdout.write(`  FAIL ${f}\n`);
    }
    return failed.length === 0 ? 0 : 1;
  },
};

export const segmentsConflictsCommand: Command = {
  name: ["segments", "conflicts"],
  summary:
    "Static conflict verdict for every pair of segments (disjoint, subset, overlap-possible, unknown)",
  usage: `--in FILE [--framework] [--json]

  --in FILE      JSON list [{id, condition}] ("-" for standard input)
  --framework    also compare with the 13 framework segments
  --json         print {pairs:[{a, b, verdict, direction?, detail}]} as JSON`,
  options: { in: { type: "string" }, framework: { type: "boolean" }, json: { type: "boolean" } },
  async run(v) {
    const list = readJson(inputFile(v, "in"), "--in");
    if (!Array.isArray(list))
      throw new CliError("--in must hold a JSON list of {id, condition}", 1);
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (!x || typeof x !== "object" || typeof x.id !== "string" || !("condition" in x)) {
        throw new CliError(`--in: item ${i} is not {id, condition}`, 1);
      }
      if (seen.has(x.id)) throw new CliError(`--in: duplicate id "${x.id}"`, 1);
      seen.add(x.id);
    });
    const items = list as { id: string; condition: unknown }[];
    const shown = segmentConflicts(items, { framework: v.framework === true }).pairs;
    if (v.json) process.stdout.write(`${JSON.stringify({ pairs: shown })}\n`);
    else
      for (const p of shown)
        process.stdout.write(
          `${p.a} × ${p.b}: ${p.verdict}${p.direction ? ` (${p.direction})` : ""} — ${p.detail}\n`,
        );
    return 0;
  },
};
