/** CSV for spreadsheets: quoting, and neutralised formulas as OWASP's CSV injection page advises. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, fileSlug, toCsv } from "../src/app/lib/csv.ts";

test("a cell a spreadsheet would run as a formula is prefixed with a quote", () => {
  for (const evil of [
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+41 22 123",
    "-2+3",
    "@SUM(A1:A2)",
    "\tcmd",
    "\r=1",
  ])
    assert.equal(csvCell(evil), `"'${evil.replaceAll('"', '""')}"`, JSON.stringify(evil));
});

test("plain text and numbers are only quoted; quotes are doubled", () => {
  assert.equal(csvCell("Mobile shoppers"), '"Mobile shoppers"');
  assert.equal(csvCell('say "hi", then go'), '"say ""hi"", then go"');
  assert.equal(csvCell("a\nb"), '"a\nb"');
  assert.equal(csvCell("12.5 %"), '"12.5 %"');
  // A negative number cannot run anything; a quote would make it text.
  assert.equal(csvCell(-12.5), '"-12.5"');
  assert.equal(csvCell("-12.5"), '"-12.5"');
  assert.equal(csvCell("-12.5 %"), `"'-12.5 %"`);
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(Number.NaN), '""');
  // Formula characters inside the text are harmless.
  assert.equal(csvCell("a=b"), '"a=b"');
});

test("a document: byte-order mark, comma-separated cells, CRLF lines", () => {
  assert.equal(
    toCsv([
      ["Value", "Sessions"],
      ["=cmd|' /C calc'!A0", 3],
    ]),
    '\uFEFF"Value","Sessions"\r\n"\'=cmd|\' /C calc\'!A0","3"\r\n',
  );
});

test("file names from words", () => {
  assert.equal(fileSlug("Where sessions came from"), "where-sessions-came-from");
  assert.equal(fileSlug("Experiment checkout/v2 — é"), "experiment-checkout-v2-e");
  assert.equal(fileSlug("***"), "table");
});
