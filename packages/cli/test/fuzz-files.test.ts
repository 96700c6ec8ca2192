/**
 * Hostile file inputs to every CLI command that reads a file: arbitrary bytes, arbitrary JSON,
 * NDJSON lines and CSV tables. Each run must end with exit code 0 (the input happened to be
 * valid) or 1 (bad input) and one clear line on stderr: never an uncaught error (a stack
 * trace), never a hang of the event loop beyond 100 ms.
 * `main` runs in-process so that many inputs fit in a test; its output is captured.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { hostileCondition } from "../../conditions/test/hostile.ts";
import { InProcessCli } from "./support/in-process.ts";

const cli = new InProcessCli();
after(() => cli.close());

/**
 * The properties every command must keep on any input. A stall counts when it repeats on all of
 * three runs: a slow path is slow every time, while a busy machine only delays a run now and then.
 */
async function assertClean(args: string[], content: string, what: string): Promise<void> {
  const r = await cli.run(args, content);
  assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, `${what}: a stack trace: ${r.stderr.slice(0, 600)}`);
  if (r.code === 1) assert.ok(`${r.stderr}${r.stdout}`.trim().length > 0, `${what}: no message`);
  let stall = r.maxDelayMs;
  for (let i = 0; i < 2 && stall > 100; i++)
    stall = Math.min(stall, (await cli.run(args, content)).maxDelayMs);
  assert.ok(stall <= 100, `${what}: the event loop stalled ${stall.toFixed(0)} ms`);
}

const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
const anyText = fc.oneof(
  json,
  fc.string({ maxLength: 400, unit: "binary" }),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString("latin1")),
);
/** A few lines, each arbitrary JSON or text: the NDJSON and CSV readers' worst inputs. */
const lines = fc.array(anyText, { maxLength: 8 }).map((l) => l.join("\n"));

const F = "{file}";
const COMMANDS: [string, string[], fc.Arbitrary<string>][] = [
  ["segments test", ["segments", "test", "--cases", F, "--json"], anyText],
  ["segments conflicts", ["segments", "conflicts", "--in", F, "--json"], anyText],
  ["replay", ["replay", "--in", F, "--model", "heuristic"], lines],
  ["replay otto", ["replay", "--in", F, "--format", "otto", "--model", "heuristic"], lines],
  ["replay rees46", ["replay", "--in", F, "--format", "rees46", "--model", "heuristic"], lines],
  ["model eval", ["model", "eval", "--in", F, "--model", F], lines],
  ["model cv", ["model", "cv", "--csv", F, "--label", "y", "--folds", "2"], lines],
];

// The first run of each command loads its modules (a one-off compile, not a slow path).
before(async () => {
  for (const [, args] of COMMANDS) await cli.run(args, "");
});

for (const [name, args, input] of COMMANDS) {
  test(`intently ${name}: any file content gets a clean exit and a message`, async () => {
    await fc.assert(
      fc.asyncProperty(input, (content) => assertClean(args, content, name)),
      { numRuns: 60 },
    );
  });
}

test("conditions from a file: hostile operators, regexes and nesting never throw", async () => {
  const cond = hostileCondition(["pagePath", "url"]);
  await fc.assert(
    fc.asyncProperty(fc.array(cond, { maxLength: 4 }), async (conds) => {
      const list = conds.map((condition, i) => ({ id: `s${i}`, condition }));
      await assertClean(["segments", "conflicts", "--in", F], JSON.stringify(list), "conflicts");
      // Evaluated on long URLs: the pathological patterns must not backtrack for long.
      const urls = [1_000, 2_000, 20_000].map((k) => `https://shop.test/${"a".repeat(k)}`);
      const cases = {
        evalCondition: conds.flatMap((c, i) => urls.map((url) => [`c${i}`, c, { url }, false])),
      };
      await assertClean(["segments", "test", "--cases", F], JSON.stringify(cases), "test");
    }),
    { numRuns: 60 },
  );
});
