/**
 * Input formats for replay, training and evaluation: each turns a file into EventLines, counting
 * bad rows instead of failing. Importers for public logs (REES46, OTTO) register here.
 */
import { type EventLine, validateEventLine } from "@intently/engine";
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

export const FORMATS: Record<string, EventSource> = {
  intently: intentlyFormat,
};

export function reportBad(bad: BadLine[], what = "lines"): void {
  if (bad.length === 0) return;
  process.stderr.write(`skipped ${bad.length.toLocaleString("en")} bad ${what}\n`);
  for (const b of bad.slice(0, 5)) process.stderr.write(`  line ${b.line}: ${b.reason}\n`);
  if (bad.length > 5) process.stderr.write(`  … ${bad.length - 5} more\n`);
}
