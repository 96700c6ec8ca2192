/**
 * Where a collector's CPU goes, by stage: a V8 CPU profile of the server's main thread during a
 * load run, its self time summed by the source each sample was in. Native frames (JSON.parse,
 * builtins, with no URL of their own) count for the stage of the code that called them.
 * The stages follow a batch through the server: HTTP and parse, validation, idempotency, the
 * durable log, the engine, the recorder and store rows, the live hub, the response; GC and
 * whatever matches no rule are their own rows.
 */

export const STAGES = [
  "http",
  "validation",
  "idempotency",
  "log",
  "engine",
  "store",
  "liveHub",
  "response",
  "collector",
  "gc",
  "other",
] as const;
export type Stage = (typeof STAGES)[number];

/** First match wins: a source path (or Node's internal module name) to its stage. */
const RULES: [RegExp, Stage][] = [
  [/\/collector\/idempotency\.ts$/, "idempotency"],
  [/\/collector\/(log|log-files|log-format|records|checkpoint|recover)\.ts$/, "log"],
  [/\/engine\/src\/schema\/|\/collector\/prepare\.ts$|\/typebox\/|\/ajv\//, "validation"],
  [/\/api\/reports\/live[-\w]*\.ts$/, "liveHub"],
  // The engine, with the user-agent and bot parsing it does for a session's context.
  [
    /\/packages\/(engine|conditions|intent-model|model)\/src\/|\/engine-host[-\w]*\.ts$|\/(isbot|bowser)\//,
    "engine",
  ],
  [/\/packages\/store\/src\/|@duckdb\//, "store"],
  [/fast-json-stringify|\/fastify\/lib\/reply\.js$|\/collector\/route\.ts$/, "response"],
  [/\/packages\/server\/src\/collector\//, "collector"],
  [
    /fastify|find-my-way|avvio|light-my-request|pino|^node:(_http|http|net|stream|internal\/(http|stream|streams|net))/,
    "http",
  ],
];

export function stageOf(url: string): Stage | null {
  if (!url) return null;
  for (const [re, stage] of RULES) if (re.test(url)) return stage;
  return "other";
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time (µs) per stage; idle time is left out, GC and "(program)" are counted. */
export function stageTimes(profile: CpuProfile): Record<Stage, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stageById = new Map<number, Stage | "idle">();
  const resolve = (id: number): Stage | "idle" => {
    const known = stageById.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const f = n.callFrame.functionName;
    let s: Stage | "idle";
    if (f === "(idle)") s = "idle";
    else if (f === "(garbage collector)") s = "gc";
    else if (f === "(program)" || f === "(root)") s = "other";
    else {
      const own = stageOf(n.callFrame.url);
      const up = parent.get(id);
      s = own ?? (up === undefined ? "other" : resolve(up));
    }
    stageById.set(id, s);
    return s;
  };
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: it belongs to sample i-1's frame.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const s = resolve(profile.samples[i]!);
    if (s !== "idle") out[s] += dt;
  }
  return out;
}
