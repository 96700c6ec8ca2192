import type { ChildProcess } from "node:child_process";

/** A child's exit code once it exits, or null after `ms` (it is then killed with SIGKILL). */
export function exited(p: ChildProcess, ms: number): Promise<number | null> {
  if (p.exitCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      resolve(null);
    }, ms);
    p.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
