/**
 * Installs Debian packages with apt-get (update, then install without recommends), quietly:
 * how the tests get the system programs they drive when missing — Chromium (./ensure.ts),
 * nginx and openssl (scripts/ensure-nginx.ts). Needs root; throws with apt-get's last lines.
 */
import { spawnSync } from "node:child_process";

function run(cmd: string, args: string[]): void {
  const res = spawnSync(cmd, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (res.status !== 0) {
    const err = res.stderr?.toString().trim().split("\n").slice(-5).join("\n") ?? "";
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${res.status ?? res.signal}):\n${err}`);
  }
}

export function aptInstall(packages: string[]): void {
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}

/** Whether this process runs as root (apt-get needs it). */
export const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;
