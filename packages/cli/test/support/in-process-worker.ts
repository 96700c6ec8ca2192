/** The child of InProcessCli: runs `main` once per message, output captured. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { main } from "../../src/main.ts";

const dir = mkdtempSync(join(tmpdir(), "intently-cli-fuzz-"));
process.on("disconnect", () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});

let n = 0;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

process.on("message", async (m: { id: number; args: string[]; content: string }) => {
  const file = join(dir, `in-${++n}`);
  writeFileSync(file, m.content);
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => {
    if (stdout.length < 4096) stdout += String(s);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  }) as typeof process.stderr.write;
  delay.reset();
  let code: number;
  try {
    code = await main(m.args.map((a) => (a === "{file}" ? file : a)));
  } catch (e) {
    code = -1;
    stderr += `uncaught: ${(e as Error).stack}`;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  // Let the histogram see the stall (it records when the loop next runs).
  await new Promise((r) => setTimeout(r, 10));
  rmSync(file, { force: true });
  process.send?.({ id: m.id, result: { code, stdout, stderr, maxDelayMs: delay.max / 1e6 } });
});
