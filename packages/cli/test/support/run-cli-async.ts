/**
 * Runs the real `intently` binary without blocking this process, for tests whose server runs
 * in the test's own process (run-cli.ts's spawnSync would stop it from answering).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CliResult } from "../run-cli.ts";

const BIN = fileURLToPath(new URL("../../bin/intently.js", import.meta.url));

export function cliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // Without the caller's INTENTLY_* settings, so only what the test gives counts.
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("INTENTLY_")),
    );
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...base, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
