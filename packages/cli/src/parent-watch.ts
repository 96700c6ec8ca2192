/**
 * Started through npm (`npx intently start`, `npm exec`, an npm script), the server runs under
 * `npm → sh -c → node`. A SIGTERM to npm is forwarded to the shell only: the shell dies, npm
 * exits, and the server — never signalled — would keep running as an orphan holding the data
 * folder (issue 23, item 5). Node cannot ask the kernel for a parent-death signal, so the server
 * watches its parent id instead: once its parent has gone (it is re-parented to init or a
 * subreaper), it closes as on SIGTERM.
 *
 * Only under a package manager: started from a shell with `nohup … &` (or by a supervisor that
 * double-forks), being re-parented is intended and the server must stay. Started directly
 * (`node dist/intently.js`, PID 1 in a container, systemd), signals reach the server itself.
 */

/** How often the parent id is read (a getppid call: nothing to measure). */
export const PARENT_POLL_MS = 250;

/** True when a package manager started this process (npm, and yarn/pnpm, set these). */
export function underPackageManager(env: Record<string, string | undefined>): boolean {
  return env.npm_lifecycle_event !== undefined || env.npm_config_user_agent !== undefined;
}

/**
 * Calls `onGone` once, when this process's parent changes; returns a function that stops
 * watching. The timer does not keep the process alive.
 */
export function watchParent(
  onGone: (was: number, now: number) => void,
  everyMs = PARENT_POLL_MS,
): () => void {
  const first = process.ppid;
  const timer = setInterval(() => {
    const now = process.ppid;
    if (now === first) return;
    clearInterval(timer);
    onGone(first, now);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
