import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { FRAMEWORK_SEGMENT_IDS, validateEventLine } from "@intently/engine";
import { cli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "intently-cli-"));

describe("intently CLI", () => {
  test("--help lists every command; an unknown command exits 2 with a hint", () => {
    const help = cli(["--help"]);
    assert.equal(help.code, 0);
    for (const c of ["simulate", "replay", "bench engine", "demo"])
      assert.match(help.stdout, new RegExp(c));
    const bad = cli(["simulat"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown command "simulat"/);
  });

  test("every command has --help", () => {
    for (const c of [
      ["simulate"],
      ["replay"],
      ["bench", "engine"],
      ["demo"],
      ["schema"],
      ["data-points"],
    ]) {
      const r = cli([...c, "--help"]);
      assert.equal(r.code, 0, c.join(" "));
      assert.match(r.stdout, /^usage: intently /);
    }
  });

  test("flags are validated with clear messages", () => {
    const cases: [string[], RegExp][] = [
      [["simulate", "--out", join(dir, "x.ndjson")], /--sessions is required/],
      [
        ["simulate", "--sessions", "ten", "--out", join(dir, "x.ndjson")],
        /--sessions must be a whole number/,
      ],
      [
        ["simulate", "--sessions", "0", "--out", join(dir, "x.ndjson")],
        /--sessions must be between 1 and/,
      ],
      [
        ["simulate", "--sessions", "5", "--out", "/no/such/folder/x.ndjson"],
        /folder does not exist/,
      ],
      [
        ["simulate", "--sessions", "5", "--out", join(dir, "x"), "--bogus"],
        /Unknown option '--bogus'/,
      ],
      [
        ["simulate", "--sessions", "5", "--out", join(dir, "x"), "--start", "yesterday"],
        /--start must be an ISO date/,
      ],
      [["replay", "--in", join(dir, "missing.ndjson")], /no such file/],
      [["replay", "--in", dir], /not a file/],
      [["replay", "--in", "-", "--format", "csv"], /--format must be one of intently/],
      [["bench", "engine", "--events", "5"], /--events must be between 1000 and/],
    ];
    for (const [args, re] of cases) {
      const r = cli(args);
      assert.notEqual(r.code, 0, args.join(" "));
      assert.match(r.stderr, re, args.join(" "));
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace for bad input");
    }
  });

  test("simulate is deterministic by seed and every line validates", () => {
    const a = join(dir, "a.ndjson");
    const b = join(dir, "b.ndjson");
    const c = join(dir, "c.ndjson");
    assert.equal(cli(["simulate", "--sessions", "50", "--seed", "7", "--out", a]).code, 0);
    assert.equal(cli(["simulate", "--sessions", "50", "--seed", "7", "--out", b]).code, 0);
    assert.equal(cli(["simulate", "--sessions", "50", "--seed", "8", "--out", c]).code, 0);
    const ta = readFileSync(a, "utf8");
    assert.equal(ta, readFileSync(b, "utf8"));
    assert.notEqual(ta, readFileSync(c, "utf8"));
    const lines = ta
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(new Set(lines.map((l) => l.session)).size, 50);
    for (const l of lines) assert.ok(validateEventLine(l).ok);
  });

  test("replay writes one line per input event, skips bad lines with a count", () => {
    const input = join(dir, "r.ndjson");
    assert.equal(cli(["simulate", "--sessions", "30", "--seed", "3", "--out", input]).code, 0);
    const good = readFileSync(input, "utf8").trim().split("\n");
    const mixed = [...good.slice(0, 10), "{not json", '{"site":"x"}', ...good.slice(10)].join(
      "\r\n",
    );
    writeFileSync(input, `${mixed}\n{"truncated":`);
    const out = join(dir, "r.out.ndjson");
    const r = cli(["replay", "--in", input, "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped 3 bad lines/);
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(rows.length, good.length);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), [
        "session",
        "t",
        "type",
        "xC",
        "xATC",
        "xE",
        "intent",
        "stage",
        "phase",
        "state",
        "segment",
        "custom",
      ]);
      assert.ok((FRAMEWORK_SEGMENT_IDS as readonly string[]).includes(row.segment));
    }
  });

  test("demo --once prints the 13 framework segments", () => {
    const r = cli(["demo", "--terminal", "--once", "--sessions", "200"]);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ["Focused Browsers", "Struggling Buyers", "Converted"])
      assert.match(r.stdout, new RegExp(name));
  });

  test("schema prints a JSON Schema of the collect body", () => {
    const r = cli(["schema"]);
    assert.equal(r.code, 0);
    const s = JSON.parse(r.stdout);
    assert.equal(s.type, "object");
    assert.ok(s.required.includes("events"));
  });
});
