/**
 * What held the server's event loop (issue 24): the busy stretches of a V8 CPU profile. The
 * sampler records the JavaScript stack every ~1 ms, "(idle)" when the thread waits in libuv; a
 * run of samples with no idle one between them is one task (or tasks back to back) that held
 * the loop, a synchronous native call (an fsync, a DuckDB appender's close) counting for the
 * JavaScript that made it. Each stretch at least `minMs` long is summarised by its heaviest
 * frames, so a stall in the soak's table can be traced to code without guessing.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Stall {
  /** Seconds from the profile's start (the server's start). */
  atSec: number;
  ms: number;
  /** Frames by self time within the stretch, heaviest first: "fn file:line ms". */
  self: string[];
  /** Innermost JavaScript frames (4 deep) by time, heaviest first. */
  stacks: string[];
}

const TOP = 5;

const frameName = (f: CallFrame) =>
  `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;

/** The busy stretches of `profile` at least `minMs` long that start before `untilSec`. */
export function stallsOf(profile: CpuProfile, minMs: number, untilSec = Infinity): Stall[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) {
    t += d;
    times.push(t);
  }
  const idle = (i: number) => byId.get(profile.samples[i]!)?.callFrame.functionName === "(idle)";
  const out: Stall[] = [];
  let from = -1;
  for (let i = 0; i < profile.samples.length; i++) {
    const last = i === profile.samples.length - 1;
    if (!idle(i) && from < 0) from = i;
    if ((idle(i) || last) && from >= 0) {
      const ms = (times[i]! - times[from]!) / 1000;
      const atSec = (times[from]! - profile.startTime) / 1e6;
      if (ms >= minMs && atSec < untilSec) out.push(summarise(from, i, ms, atSec));
      from = -1;
    }
  }
  return out.sort((a, b) => b.ms - a.ms);

  function summarise(from: number, to: number, ms: number, atSec: number): Stall {
    const self = new Map<string, number>();
    const stacks = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const dt = (times[i + 1]! - times[i]!) / 1000;
      let n = byId.get(profile.samples[i]!);
      if (!n) continue;
      const own = frameName(n.callFrame);
      self.set(own, (self.get(own) ?? 0) + dt);
      const chain: string[] = [];
      while (n && chain.length < 4) {
        if (n.callFrame.url) chain.push(frameName(n.callFrame));
        const up = parent.get(n.id);
        n = up === undefined ? undefined : byId.get(up);
      }
      const key = chain.join(" < ") || own;
      stacks.set(key, (stacks.get(key) ?? 0) + dt);
    }
    const top = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([k, v]) => `${k} ${Math.round(v)} ms`);
    return {
      atSec: Math.round(atSec * 1000) / 1000,
      ms: Math.round(ms),
      self: top(self),
      stacks: top(stacks),
    };
  }
}

/**
 * The main thread's newest .cpuprofile in `dir`, parsed; null if there is none. Node names a
 * profile `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, thread 0 being the main thread:
 * other threads (tsx's loader, workers) write profiles of their own at the same exit.
 */
export function newestProfile(dir: string): CpuProfile | null {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile") && f.split(".")[4] === "0")
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ? (JSON.parse(readFileSync(files[0], "utf8")) as CpuProfile) : null;
}
