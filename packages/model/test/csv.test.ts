import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { readCsvTable } from "../src/index.ts";
import { formatCsv, parseCsv } from "../src/tabular/csv.ts";
import { encodeForTrees, encodeOneHot, fitEncoder } from "../src/tabular/encode.ts";
import { inferColumnKind, parseLabel } from "../src/tabular/table.ts";

describe("parseCsv", () => {
  it("handles RFC 4180 quoting: delimiters, escaped quotes and newlines inside quotes", () => {
    const text = 'id,text,n\n1,"a, b",2\n2,"say ""hi""",3\n3,"two\nlines",4\n';
    const r = parseCsv(text);
    assert.deepEqual(r.header, ["id", "text", "n"]);
    assert.deepEqual(r.records, [
      ["1", "a, b", "2"],
      ["2", 'say "hi"', "3"],
      ["3", "two\nlines", "4"],
    ]);
    assert.equal(r.skipped, 0);
  });

  it("accepts CRLF, lone CR, a BOM, blank lines and a missing final newline", () => {
    const r = parseCsv('\ufeffa,b\r\n1,2\r\n\r\n3,"x\r\ny"\r4,5');
    assert.deepEqual(r.header, ["a", "b"]);
    assert.deepEqual(r.records, [
      ["1", "2"],
      ["3", "x\r\ny"],
      ["4", "5"],
    ]);
    assert.deepEqual(parseCsv("a,b\n1,\n").records, [["1", ""]]);
  });

  it("skips bad rows with a count instead of throwing", () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x"y,1,2\n10,11,12\n13,"unterminated,14';
    const r = parseCsv(text);
    assert.deepEqual(r.records, [
      ["1", "2", "3"],
      ["10", "11", "12"],
    ]);
    assert.equal(r.skipped, 4);
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [3, 4, 5, 7],
    );
  });

  it("skips a truncated last line", () => {
    const r = parseCsv("a,b,c\n1,2,3\n4,5");
    assert.equal(r.records.length, 1);
    assert.equal(r.skipped, 1);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "1") }),
        (s) => {
          const r = parseCsv(s);
          for (const rec of r.records) assert.equal(rec.length, r.header.length);
        },
      ),
    );
  });

  it("round-trips anything formatCsv writes", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é") });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 10 }),
        (k, rows) => {
          const header = ["h1", "h2", "h3", "h4"].slice(0, k);
          const body = rows
            .map((r) => r.slice(0, k))
            .filter((r) => !(r.length === 1 && r[0] === ""));
          const r = parseCsv(formatCsv([header, ...body]));
          assert.deepEqual(r.header, header);
          assert.deepEqual(r.records, body);
          assert.equal(r.skipped, 0);
        },
      ),
    );
  });
});

describe("typed tables", () => {
  it("detects numeric, boolean and categorical columns; empty cells are missing", () => {
    const t = readCsvTable("n,b,c,lab\n1.5,TRUE,x,yes\n-2e3,false,y,no\n,True,,1\n");
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.kind, c.missing]),
      [
        ["n", "numeric", 1],
        ["b", "boolean", 0],
        ["c", "categorical", 1],
        ["lab", "categorical", 0],
      ],
    );
    assert.deepEqual(t.rows[0], { n: 1.5, b: true, c: "x", lab: "yes" });
    assert.deepEqual(t.rows[2], { n: null, b: true, c: null, lab: "1" });
    assert.equal(inferColumnKind(["0x10", "1"]), "categorical");
  });

  it("reads labels written as TRUE/FALSE, 1/0 or yes/no", () => {
    assert.deepEqual(
      [true, false, 1, 0, "TRUE", "false", "Yes", "no", "1", "0", "maybe", null, 2].map(parseLabel),
      [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, null, null, null],
    );
  });

  it("encodes categories as codes for trees and one-hot for linear models, fitted on training rows", () => {
    const train = readCsvTable("m,os,v,y\nFeb,2,1.5,TRUE\nMar,10,2,FALSE\nFeb,1,,FALSE\n").rows;
    const enc = fitEncoder(train, { label: "y", categorical: ["os"] });
    assert.deepEqual(
      enc.features.map((f) => [f.name, f.kind, f.levels]),
      [
        ["m", "categorical", ["Feb", "Mar"]],
        ["os", "categorical", ["1", "2", "10"]],
        ["v", "numeric", []],
      ],
    );
    const trees = encodeForTrees(enc, [...train, { m: "Dec", os: 2, v: 3, y: true }]);
    assert.deepEqual(trees.categorical, [true, true, false]);
    assert.deepEqual(Array.from(trees.x[0] as Float64Array), [0, 1, 1.5]);
    assert.ok(Number.isNaN(trees.x[2]?.[2] ?? 0), "empty numeric cell is NaN");
    assert.ok(Number.isNaN(trees.x[3]?.[0] ?? 0), "unseen category is missing");
    const oh = encodeOneHot(enc, train);
    assert.deepEqual(oh.featureNames, ["m=Feb", "m=Mar", "os=1", "os=2", "os=10", "v"]);
    assert.deepEqual(Array.from(oh.x[1] as Float64Array), [0, 1, 0, 0, 1, 2]);
  });
});
