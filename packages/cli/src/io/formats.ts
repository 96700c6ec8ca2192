/**
 * Input formats for replay, training and evaluation: each turns a file into EventLines, counting
 * bad rows instead of failing (CRLF endings and a truncated last line included).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type EventLine, validateEventLine } from "@intently/engine";
import { type Importer, importOtto, importRees46, newStats } from "@intently/intent-model";
import { type BadLine, readNdjson } from "./ndjson.ts";

export type EventSource = (path: string, bad: BadLine[]) => AsyncGenerator<EventLine>;

async function* intentlyFormat(path: string, bad: BadLine[]): AsyncGenerator<EventLine> {
  let i = 0;
  const parseBad: BadLine[] = [];
  for await (const value of readNdjson(path, parseBad)) {
    i++;
    const r = validateEventLine(value);
    if (r.ok) yield r.value;
    else
      bad.push({
        line: i + parseBad.length,
        reason: r.issues.map((x) => `${x.path || "/"} ${x.message}`).join("; "),
      });
  }
  bad.push(...parseBad);
}

function lines(path: string): AsyncIterable<string> {
  const input = path === "-" ? process.stdin : createReadStream(path);
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/** A public-log importer as an EventSource; its bad rows become BadLines. */
function fromImporter(importer: Importer): EventSource {
  return async function* (path, bad) {
    const stats = newStats();
    for await (const line of importer(lines(path), stats)) {
      const r = validateEventLine(line);
      if (r.ok) yield r.value;
      else
        bad.push({
          line: -1,
          reason: r.issues.map((x) => `${x.path || "/"} ${x.message}`).join("; "),
        });
    }
    for (const r of stats.reasons) bad.push({ line: r.row, reason: r.reason });
    for (let k = stats.reasons.length; k < stats.badRows; k++)
      bad.push({ line: -1, reason: "(not listed)" });
  };
}

export const FORMATS: Record<string, EventSource> = {
  intently: intentlyFormat,
  rees46: fromImporter(importRees46),
  otto: fromImporter(importOtto),
};

export function reportBad(bad: BadLine[], what = "lines"): void {
  if (bad.length === 0) return;
  process.stderr.write(`skipped ${bad.length.toLocaleString("en")} bad ${what}\n`);
  const listed = bad.filter((b) => b.reason !== "(not listed)");
  for (const b of listed.slice(0, 5))
    process.stderr.write(`  ${b.line > 0 ? `line ${b.line}: ` : ""}${b.reason}\n`);
  if (bad.length > 5) process.stderr.write(`  … ${bad.length - Math.min(5, listed.length)} more\n`);
}
