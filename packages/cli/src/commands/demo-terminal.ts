/**
 * `intently demo`: simulated shoppers streamed through the engine in accelerated real time,
 * with a live table of the framework segments. The HTTP server and dashboard join it when the
 * collector and store land; until then this is the product's visible surface.
 */
import {
  Engine,
  FRAMEWORK_SEGMENT_CONTENT,
  FRAMEWORK_SEGMENT_IDS,
  segmentIndex,
} from "@intently/engine";
import { simulate } from "@intently/simulator";
import type { Command } from "../command.ts";
import { intFlag } from "../flags.ts";
import { scorerFromFlag } from "../scorer-flag.ts";

const REFRESH_MS = 1000;

/** The terminal view of `intently demo --terminal`. */
export const demoTerminal: Pick<Command, "run"> = {
  async run(v) {
    const sessions = intFlag(v, "sessions", { min: 1, max: 1_000_000, default: 3000 });
    const speed = intFlag(v, "speed", { min: 1, max: 1_000_000, default: 120 });
    const seed = intFlag(v, "seed", { min: 0, max: 2 ** 32 - 1, default: 1 });
    const scorer = scorerFromFlag(v);
    const engine = new Engine({ scorerFor: () => scorer });
    const entered = new Map<string, number>();
    const lines = simulate({ sessions, seed, days: 1 });
    let events = 0;
    let bots = 0;
    const seenBot = new Set<string>();
    let simStart = 0;
    const realStart = Date.now();
    let lastDraw = 0;
    for (const line of lines) {
      if (!v.once) {
        if (simStart === 0) simStart = line.event.t;
        const due = realStart + (line.event.t - simStart) / speed;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, REFRESH_MS)));
      }
      const u = engine.process(line, line.event);
      events++;
      if (u.bot && !seenBot.has(u.session)) {
        seenBot.add(u.session);
        bots++;
      }
      for (const id of u.enter) entered.set(id, (entered.get(id) ?? 0) + 1);
      if (!v.once && Date.now() - lastDraw >= REFRESH_MS) {
        engine.advance(line.event.t);
        draw(engine, entered, events, bots, line.event.t);
        lastDraw = Date.now();
      }
    }
    draw(engine, entered, events, bots, undefined);
    return 0;
  },
};

function draw(
  engine: Engine,
  entered: Map<string, number>,
  events: number,
  bots: number,
  t: number | undefined,
) {
  const now = new Map<string, number>();
  for (const s of engine.sessions()) {
    const seg = FRAMEWORK_SEGMENT_IDS[segmentIndex(s)]!;
    now.set(seg, (now.get(seg) ?? 0) + 1);
  }
  const rows = FRAMEWORK_SEGMENT_IDS.map((id) => {
    const c = FRAMEWORK_SEGMENT_CONTENT[id];
    return `  ${c.name.padEnd(24)} ${String(now.get(id) ?? 0).padStart(7)} ${String(entered.get(id) ?? 0).padStart(9)}`;
  });
  const clock = t ? new Date(t).toISOString().slice(0, 19).replace("T", " ") : "done";
  const head = `Intently demo — simulated time ${clock} — ${events.toLocaleString("en")} events, ${engine.liveSessions().toLocaleString("en")} live sessions, ${bots} bots flagged`;
  const table = [
    head,
    "",
    `  ${"segment".padEnd(24)} ${"live now".padStart(7)} ${"ever in".padStart(9)}`,
    ...rows,
    "",
  ].join("\n");
  if (process.stdout.isTTY && t) process.stdout.write(`\x1b[2J\x1b[H${table}`);
  else if (!t) process.stdout.write(`${table}\n`);
}
