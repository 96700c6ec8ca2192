import { simulate } from "@intently/simulator";
import { CliError, type Command } from "../command.ts";
import { intFlag, outputFile, stringFlag } from "../flags.ts";
import { NdjsonWriter } from "../io/ndjson.ts";
import { Progress } from "../io/progress.ts";

export const simulateCommand: Command = {
  name: ["simulate"],
  summary: "Generate realistic shopper sessions (NDJSON events with ground truth)",
  usage: `--sessions N --out FILE [--seed S] [--site ID] [--days D] [--start ISO-DATE]

  --sessions N   number of sessions to simulate (1 … 10,000,000)
  --out FILE     output NDJSON file ("-" for standard output)
  --seed S       random seed; the same seed gives the same file (default 1)
  --site ID      site id written on every line (default "demo")
  --days D       days the sessions are spread over, on a diurnal curve (default 1)
  --start DATE   first day, ISO date (default 2026-11-01)`,
  options: {
    sessions: { type: "string" },
    out: { type: "string" },
    seed: { type: "string" },
    site: { type: "string" },
    days: { type: "string" },
    start: { type: "string" },
  },
  async run(v) {
    const sessions = intFlag(v, "sessions", { min: 1, max: 10_000_000 });
    const seed = intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 });
    const days = intFlag(v, "days", { min: 1, max: 3650, default: 1 });
    const site = stringFlag(v, "site", { default: "demo" });
    const startText = stringFlag(v, "start", { default: "2026-11-01" });
    const start = Date.parse(startText);
    if (Number.isNaN(start)) throw new CliError(`--start must be an ISO date, got "${startText}"`);
    const out = new NdjsonWriter(outputFile(v, "out"));
    const progress = new Progress("events");
    let n = 0;
    for (const line of simulate({ sessions, seed, site, days, start })) {
      await out.write(line);
      progress.tick(++n);
    }
    await out.close();
    progress.done();
    process.stderr.write(
      `simulated ${sessions.toLocaleString("en")} sessions, ${n.toLocaleString("en")} events\n`,
    );
    return 0;
  },
};
