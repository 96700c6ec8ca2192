/** The generator without a browser: shapes, ES5 syntax, escaping, options, instructions. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Script } from "node:vm";
import { jsString } from "../src/escape.ts";
import {
  DEFAULT_TIMEOUT_MS,
  isTarget,
  matchingScript,
  matchingScriptsFor,
  TARGETS,
  type Target,
} from "../src/index.ts";
import { asProgram, es5Problems } from "./support/es5.ts";
import { HOSTILE, SEGMENT } from "./support/segments.ts";

const ALL = TARGETS.map((t) => t.target);
const SEGMENTS = [SEGMENT, HOSTILE, { id: "é\u0000\t\r\u2028<!--", name: "" }];

describe("TARGETS", () => {
  test("the tools of docs/product/activation.md#matching-scripts (several with two mechanisms), unique, labelled", () => {
    assert.deepEqual(ALL, [
      "optimizely-audience",
      "optimizely-activation",
      "optimizely-edge",
      "abtasty",
      "vwo",
      "vwo-event",
      "convert",
      "kameleoon",
      "kameleoon-event",
      "dynamic-yield",
      "dynamic-yield-event",
      "adobe-target",
      "bloomreach",
      "gtm",
      "generic",
    ]);
    assert.equal(new Set(TARGETS.map((t) => t.label)).size, TARGETS.length);
    assert.ok(TARGETS.every((t) => t.label.length > 0));
    assert.ok(isTarget("gtm") && !isTarget("optimizely") && !isTarget(undefined));
  });

  test("matchingScriptsFor: every target, in order, with the options applied", () => {
    const all = matchingScriptsFor(SEGMENT, { timeoutMs: 1234 });
    assert.deepEqual(
      all.map((s) => s.target),
      ALL,
    );
    assert.ok(all.every((s) => s.label === TARGETS.find((t) => t.target === s.target)?.label));
    for (const s of all.filter((s) => s.code.includes("timeoutMs"))) {
      assert.match(s.code, /var timeoutMs = 1234;/);
    }
  });
});

describe("every script", () => {
  for (const target of ALL) {
    for (const seg of SEGMENTS) {
      test(`${target} ${JSON.stringify(seg.id).slice(0, 24)}: ES5, valid, inert in HTML`, () => {
        const s = matchingScript(seg, target);
        assert.deepEqual(es5Problems(s.kind, s.code), []);
        // Compiles as a classic script (a top-level `return` would not).
        new Script(asProgram(s.kind, s.code));
        // No `<` at all besides GTM's own <script> wrapper: no </script>, no <!--.
        const inner = s.kind === "html" ? asProgram("html", s.code) : s.code;
        assert.ok(!inner.includes("<"), "no < in the code");
        assert.ok(!/[\u2028\u2029]/.test(s.code), "no raw line separators");
        assert.ok(s.code.includes(`var id = ${jsString(seg.id)};`), "the id, escaped");
      });
    }

    test(`${target}: one comment line at the top with the segment name; short`, () => {
      const s = matchingScript(SEGMENT, target);
      const lines = s.code.split("\n");
      const at = lines.findIndex((l) => l.trim().startsWith("//"));
      assert.ok(at >= 0 && at <= 2, "at the top");
      assert.ok(lines[at]?.includes(`Intently segment "${SEGMENT.name}":`), lines[at]);
      assert.ok(lines.length <= 90, `${lines.length} lines`);
      assert.ok(s.code.includes("try {") && s.code.includes("catch (e)"), "guarded");
      assert.ok(s.instructions.length >= 2 && s.instructions.length <= 4);
    });
  }
});

describe("contracts (shape)", () => {
  const code = (t: Target) => matchingScript(SEGMENT, t).code;
  test("Optimizely audience: an expression, no top-level return", () => {
    assert.match(code("optimizely-audience"), /^\(function \(\) \{[\s\S]*\}\)\(\);$/);
  });
  test("Optimizely activation and Edge: function (activate, options), honouring isActive", () => {
    for (const t of ["optimizely-activation", "optimizely-edge"] as const) {
      assert.match(code(t), /^function \(activate, options\) \{[\s\S]*\}$/);
      assert.match(code(t), /options\.isActive === true/);
    }
  });
  test("Dynamic Yield evaluator: String values, settled before DY's 4 s", () => {
    assert.match(code("dynamic-yield"), /end\("true"\)/);
    assert.match(code("dynamic-yield"), /end\("false"\); \}, 3000\)/);
    assert.match(matchingScript(SEGMENT, "dynamic-yield", { timeoutMs: 9000 }).code, /, 3500\)/);
  });
  test("AB Tasty: the Promise never resolves false (no time limit in AB Tasty's contract)", () => {
    assert.ok(!code("abtasty").includes("end(false); }"));
  });
  test("function bodies return the tool's value", () => {
    assert.match(code("abtasty"), /\nreturn whenMember\(\);$/);
    assert.match(code("vwo"), /\nreturn member\(\);$/);
    assert.match(code("convert"), /\nreturn member\(\);$/);
    // Kameleoon's custom data contract: an object with the keys value and overwrite.
    assert.match(code("kameleoon"), /\nreturn \{ value: member\(\), overwrite: true \};$/);
  });
  test("GTM: a Custom HTML <script>; generic listens for intently:segment:enter", () => {
    assert.match(code("gtm"), /^<script>\n[\s\S]*intently_segment_enter[\s\S]*\n<\/script>$/);
    assert.match(code("generic"), /"intently:" \+ type/);
    assert.match(code("generic"), /on\("segment:enter", function \(d\) \{ enter\(d\); \}\)/);
  });
  test(`the default timeout is ${DEFAULT_TIMEOUT_MS} ms`, () => {
    assert.match(code("abtasty"), new RegExp(`var timeoutMs = ${DEFAULT_TIMEOUT_MS};`));
  });
});

describe("escaping and options", () => {
  test("a hostile name stays one comment line without <, > or line breaks", () => {
    const s = matchingScript(HOSTILE, "gtm");
    const comment = s.code.split("\n")[1] ?? "";
    assert.ok(comment.startsWith("// Intently segment"));
    assert.ok(!/[<>]/.test(comment));
    assert.ok(!/<\/?script/i.test(asProgram("html", s.code)), "its script tags are neutralised");
  });

  test("a long name is cut; an empty name falls back to the id", () => {
    const long = matchingScript({ id: "a", name: "n".repeat(500) }, "vwo").code;
    assert.ok((long.split("\n")[0] ?? "").length < 140);
    assert.match(matchingScript({ id: "abc", name: " " }, "vwo").code, /segment "abc"/);
  });

  test("tagGlobal: an identifier is read as window.x, anything else with brackets", () => {
    assert.match(matchingScript(SEGMENT, "vwo", { tagGlobal: "myTag" }).code, /= window\.myTag,/);
    const odd = matchingScript(SEGMENT, "vwo", { tagGlobal: "a</script>" }).code;
    assert.match(odd, /= window\["a\\u003c\/script\\u003e"\],/);
  });

  test("bad input throws clearly", () => {
    assert.throws(() => matchingScript(SEGMENT, "nope" as Target), TypeError);
    assert.throws(() => matchingScript({ id: "", name: "x" }, "vwo"), TypeError);
    assert.throws(() => matchingScript(SEGMENT, "vwo", { timeoutMs: -1 }), RangeError);
    assert.throws(() => matchingScript(SEGMENT, "vwo", { timeoutMs: 1.5 }), RangeError);
    assert.throws(() => matchingScript(SEGMENT, "vwo", { timeoutMs: Number.NaN }), RangeError);
    assert.throws(() => matchingScript(SEGMENT, "vwo", { tagGlobal: "" }), TypeError);
  });
});
