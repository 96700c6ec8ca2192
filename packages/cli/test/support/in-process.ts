/**
 * Runs `intently` commands in one long-lived child process, so that a fuzz test can try
 * hundreds of inputs without paying a process start for each. The child swallows the
 * commands' stdout (the test runner's own reporting must not be mixed with it), keeps their
 * stderr, and measures the longest event-loop stall of each run.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./in-process-worker.ts", import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The longest event-loop delay seen during the run, in ms. */
  maxDelayMs: number;
}

export class InProcessCli {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly waiting = new Map<number, (r: RunResult) => void>();

  constructor() {
    this.child = fork(WORKER, [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    this.child.on("message", (m: { id: number; result: RunResult }) => {
      this.waiting.get(m.id)?.(m.result);
      this.waiting.delete(m.id);
    });
  }

  /** `intently ARGS`, with `content` written to a temporary file whose path replaces "{file}". */
  run(args: string[], content: string): Promise<RunResult> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, args, content }, (e) => e && reject(e));
    });
  }

  close(): void {
    this.child.kill();
  }
}
