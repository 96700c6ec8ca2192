/**
 * The shared activation contract suite (issue 18): every target × every case, in real Chromium,
 * each target run the way its tool's documentation says the tool calls it (tool-runtimes.js)
 * against the tag's contract fake. A cell counts how often the tool acted (showed the campaign,
 * activated the page, received the event); the expectation is exactly one per entry where the
 * tool allows a mid-page path, and the documented limitation where it does not (its
 * instructions say so). The matrix is written as Markdown (ACTIVATION_MATRIX, default in the
 * temporary folder) so that it can be pasted as it is.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { matchingScript, type Target } from "../../src/index.ts";
import {
  again,
  enter,
  exit,
  launch,
  loadTag,
  openShop,
  pwned,
  route,
  sleep,
  type ToolState,
  toolState,
} from "./harness.ts";

import { SEGMENT } from "./segments.ts";

export { SEGMENT };

/** The scripts' own polling window in the suite (the default). */
const TIMEOUT_MS = 3000;
/** Lets the page settle after a step (ordering, not a timing assertion). */
const SETTLE_MS = 400;

export type Mode = "decide" | "promise" | "evaluator" | "callback" | "event";

export const MODES: Record<Target, Mode> = {
  "optimizely-audience": "decide",
  "optimizely-activation": "callback",
  "optimizely-edge": "callback",
  abtasty: "promise",
  vwo: "decide",
  "vwo-event": "event",
  convert: "decide",
  kameleoon: "decide",
  "kameleoon-event": "event",
  "dynamic-yield": "evaluator",
  "dynamic-yield-event": "event",
  "adobe-target": "event",
  bloomreach: "event",
  gtm: "event",
  generic: "event",
};

/** The tool's own time limit, if any (Dynamic Yield: 4 s per evaluator). */
const TOOL_TIMEOUT_MS: Partial<Record<Mode, number>> = { evaluator: 4000 };

/** A fresh first-party record of the tag for the session (what the next page finds). */
export const freshRecord = (segments: string[], o: object = {}) => ({
  v: "v_1",
  s: "s_1",
  t: Date.now(),
  d: new Date().toDateString(),
  c: "",
  n: 1,
  p: 0,
  q: 0,
  u: "",
  r: "",
  g: segments,
  h: segments,
  ...o,
});

interface Outcome {
  fires: number;
  /** Shown after the count (e.g. a measured time, or the last evaluation). */
  note?: string;
}

interface Case {
  id: string;
  title: string;
  cache?: object;
  run(page: Page, target: Target, mode: Mode): Promise<Outcome>;
  expect(mode: Mode): { fires: number; why?: string };
}

const paste = (page: Page, target: Target) =>
  page.evaluate(([t, c]) => window.__tool.run(t, c), [
    target,
    matchingScript(SEGMENT, target, { timeoutMs: TIMEOUT_MS }).code,
  ] as const);

declare const window: { __tool: { run(t: string, c: string): void } };

const fires = async (page: Page) => (await toolState(page)).fired.length;
const LATE = "evaluated before the entry; caught on the next page";

export const CASES: Case[] = [
  {
    id: "load",
    title: "entry at page load",
    async run(page, target) {
      await loadTag(page);
      await paste(page, target);
      await sleep(200);
      await enter(page, SEGMENT.id);
      await sleep(SETTLE_MS);
      return { fires: await fires(page) };
    },
    expect: (m) => (m === "decide" ? { fires: 0, why: LATE } : { fires: 1 }),
  },
  {
    id: "mid5",
    title: "entry mid-page after 5 s",
    async run(page, target) {
      await loadTag(page);
      await paste(page, target);
      await sleep(5000);
      await enter(page, SEGMENT.id);
      await sleep(SETTLE_MS);
      return { fires: await fires(page) };
    },
    expect: (m) =>
      m === "decide"
        ? { fires: 0, why: LATE }
        : m === "evaluator"
          ? { fires: 0, why: "DY evaluators stop after 4 s; the DY event target catches it" }
          : { fires: 1 },
  },
  {
    id: "late",
    title: "entry after the tool's own timeout",
    async run(page, target, mode) {
      await loadTag(page);
      await paste(page, target);
      await sleep((TOOL_TIMEOUT_MS[mode] ?? TIMEOUT_MS) + 500);
      await enter(page, SEGMENT.id);
      await sleep(SETTLE_MS);
      return { fires: await fires(page) };
    },
    expect: (m) =>
      m === "decide"
        ? { fires: 0, why: LATE }
        : m === "evaluator"
          ? { fires: 0, why: "after DY's 4 s the evaluator has answered false" }
          : { fires: 1 },
  },
  {
    id: "none",
    title: "no entry",
    async run(page, target) {
      await loadTag(page);
      await paste(page, target);
      await sleep(4500);
      const s = await toolState(page);
      return { fires: s.fired.length, note: s.results.length ? `(${s.results.join(",")})` : "" };
    },
    expect: () => ({ fires: 0 }),
  },
  {
    id: "cache",
    title: "next page, from the cache (tag not loaded)",
    cache: freshRecord([SEGMENT.id]),
    async run(page, target) {
      await paste(page, target);
      await sleep(SETTLE_MS);
      const s = await toolState(page);
      assert.ok(
        s.tagAtFire.every((t) => t === false),
        "answered from the cache, before the tag",
      );
      const ms = s.firedAt[0];
      return { fires: s.fired.length, note: ms === undefined ? "" : `(${ms.toFixed(1)} ms)` };
    },
    expect: () => ({ fires: 1 }),
  },
  {
    id: "spa",
    title: "SPA route change",
    async run(page, target) {
      await loadTag(page, [SEGMENT.id]);
      await paste(page, target);
      await sleep(SETTLE_MS);
      await route(page, "/cart");
      await sleep(SETTLE_MS);
      return { fires: await fires(page) };
    },
    expect: (m) =>
      m === "event"
        ? { fires: 1, why: "no new entry; page scripts are not re-run" }
        : { fires: 2, why: "the tool re-decides the new view" },
  },
  {
    id: "again",
    title: "re-invoked 3× by the tool, then exit + entry",
    async run(page, target) {
      await loadTag(page, [SEGMENT.id]);
      await paste(page, target);
      await sleep(SETTLE_MS);
      for (let i = 0; i < 3; i++) await again(page);
      await sleep(SETTLE_MS);
      const before = await fires(page);
      await exit(page, SEGMENT.id);
      await enter(page, SEGMENT.id);
      await sleep(SETTLE_MS);
      return { fires: await fires(page), note: `(${before} before the re-entry)` };
    },
    expect: (m) =>
      m === "event" || m === "callback"
        ? { fires: 2, why: "one per entry" }
        : { fires: 1, why: "shown once per view; re-entry on the same view is not re-decided" },
  },
  {
    id: "leave",
    title: "the visitor leaves the segment (then re-enters)",
    async run(page, target, mode) {
      await loadTag(page, [SEGMENT.id]);
      await paste(page, target);
      await sleep(SETTLE_MS);
      await exit(page, SEGMENT.id);
      await again(page);
      await sleep(SETTLE_MS);
      const s = await toolState(page);
      const after = mode === "decide" ? `(then ${String(s.results.at(-1))})` : "";
      await enter(page, SEGMENT.id);
      await sleep(SETTLE_MS);
      return { fires: await fires(page), note: after };
    },
    expect: (m) =>
      m === "event" || m === "callback"
        ? { fires: 2, why: "nothing while out; one on re-entry" }
        : m === "decide"
          ? { fires: 1, why: "re-evaluated false once out; shown once per view" }
          : { fires: 1, why: "shown once per view" },
  },
  {
    id: "tagAfter",
    title: "the tag loads after the tool",
    async run(page, target) {
      await paste(page, target);
      await sleep(1000);
      await loadTag(page, [SEGMENT.id]);
      await sleep(SETTLE_MS);
      return { fires: await fires(page) };
    },
    expect: (m) =>
      m === "decide" ? { fires: 0, why: "decided before the tag answered" } : { fires: 1 },
  },
];

interface Row {
  target: Target;
  cells: Record<string, { expected: string; actual: string; ok: boolean }>;
}

const MATRIX = process.env.ACTIVATION_MATRIX ?? join(tmpdir(), "intently-activation-matrix.md");

/** Writes this file's rows beside the matrix and regenerates the matrix from every part. */
function writeMatrix(part: string, rows: Row[]): string {
  writeFileSync(`${MATRIX}.${part}.json`, JSON.stringify(rows));
  const prefix = `${basename(MATRIX)}.`;
  const all: Row[] = readdirSync(dirname(MATRIX))
    .filter((f) => f.startsWith(prefix) && f.endsWith(".json"))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dirname(MATRIX), f), "utf8")) as Row[]);
  const head = `| target (mode) | ${CASES.map((c) => c.title).join(" | ")} |`;
  const rule = `|${"---|".repeat(CASES.length + 1)}`;
  const lines = all.map(
    (r) =>
      `| ${r.target} (${MODES[r.target]}) | ${CASES.map((c) => {
        const x = r.cells[c.id];
        return x ? `${x.ok ? "✓" : "✗"} ${x.actual} / exp. ${x.expected}` : "–";
      }).join(" | ")} |`,
  );
  const md = [
    "# Activation contract matrix",
    "",
    "Cell: ✓/✗, actual number of times the tool acted / expected (with the reason where it is not",
    "one per entry). Generated by packages/activation/test/matrix-*.test.ts in real Chromium.",
    "",
    head,
    rule,
    ...lines,
    "",
  ].join("\n");
  writeFileSync(MATRIX, md);
  return md;
}

/** Registers the matrix tests for `targets`: one Chromium; each target's cases in parallel. */
export function matrixSuite(part: string, targets: Target[]): void {
  let browser: Browser;
  const rows: Row[] = [];
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    const md = writeMatrix(part, rows);
    process.stdout.write(`\n${md}\nmatrix written to ${MATRIX}\n`);
  });

  for (const target of targets) {
    const mode = MODES[target];
    test(`${target} (${mode}): every case as its tool's contract expects`, async () => {
      const row: Row = { target, cells: {} };
      rows.push(row);
      const one = async (c: Case) => {
        const shop = await openShop(browser, c.cache);
        try {
          const out = await c.run(shop.page, target, mode);
          const exp = c.expect(mode);
          const state: ToolState = await toolState(shop.page);
          assert.deepEqual(state.errors, [], `${c.id}: the tool saw no error`);
          assert.deepEqual(shop.errors, [], `${c.id}: no uncaught page error`);
          assert.equal(await pwned(shop.page), undefined);
          row.cells[c.id] = {
            expected: `${exp.fires}${exp.why ? ` (${exp.why})` : ""}`,
            actual: `${out.fires}${out.note ? ` ${out.note}` : ""}`,
            ok: out.fires === exp.fires,
          };
        } finally {
          await shop.close();
        }
      };
      // The timed case runs alone, so that its time to answer is not another page's CPU.
      await Promise.all(CASES.filter((c) => c.id !== "cache").map(one));
      for (const c of CASES.filter((c) => c.id === "cache")) await one(c);
      for (const c of CASES) {
        const x = row.cells[c.id];
        assert.ok(x?.ok, `${target} × ${c.title}: ${x?.actual} ≠ ${x?.expected}`);
      }
    });
  }
}
