import { Engine } from "@intently/engine";
import type { Command } from "../command.ts";
import { inputFile, outputFile, stringFlag } from "../flags.ts";
import { FORMATS, reportBad } from "../io/formats.ts";
import type { BadLine } from "../io/ndjson.ts";
import { NdjsonWriter } from "../io/ndjson.ts";
import { Progress } from "../io/progress.ts";
import { MODEL_FLAG_HELP, scorerFromFlag } from "../scorer-flag.ts";

/**
 * How often (in event time) sessions idle past the timeout are ended, bounding memory on long
 * time-ordered inputs.
 */
const ADVANCE_EVERY_MS = 60_000;

export const replayCommand: Command = {
  name: ["replay"],
  summary: "Run recorded events through the engine; one output line per input event",
  usage: `--in FILE [--format F] [--out FILE] [--model M]

  --in FILE      input events ("-" for standard input)
  --format F     ${Object.keys(FORMATS).join(" | ")} (default intently)
  --out FILE     output NDJSON (default standard output); each line:
                 {session,t,type,xC,xATC,xE,intent,stage,phase,state,segment,custom}
${MODEL_FLAG_HELP}`,
  options: {
    in: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    model: { type: "string" },
  },
  async run(v) {
    const format = stringFlag(v, "format", { default: "intently", oneOf: Object.keys(FORMATS) });
    const input = inputFile(v, "in");
    const out = new NdjsonWriter(outputFile(v, "out", false));
    const scorer = scorerFromFlag(v);
    const engine = new Engine({ scorerFor: () => scorer });
    const bad: BadLine[] = [];
    const progress = new Progress("events");
    let n = 0;
    let lastAdvance = 0;
    let now = 0;
    let ordered = true;
    for await (const line of FORMATS[format]!(input, bad)) {
      const u = engine.process(line, line.event);
      await out.write({
        session: line.session,
        t: line.event.t,
        type: line.event.type,
        xC: round(u.scores.xC.value),
        xATC: round(u.scores.xATC.value),
        xE: round(u.scores.xE.value),
        intent: u.intent,
        stage: u.stage,
        phase: u.phase,
        state: u.state,
        segment: u.segment,
        custom: u.custom,
      });
      // Ending idle sessions is only sound when the input is in global time order.
      if (line.event.t < now - engine.sessionTimeoutMs) ordered = false;
      now = Math.max(now, line.event.t);
      if (ordered && now - lastAdvance >= ADVANCE_EVERY_MS) {
        engine.advance(now);
        lastAdvance = now;
      }
      progress.tick(++n);
    }
    await out.close();
    progress.done();
    reportBad(bad);
    process.stderr.write(`replayed ${n.toLocaleString("en")} events\n`);
    return 0;
  },
};

const round = (x: number) => Math.round(x * 1e6) / 1e6;
