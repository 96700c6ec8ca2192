/** Progress on stderr for long work, only when stderr is a terminal (never pollutes pipes/CI). */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private readonly enabled = process.stderr.isTTY === true;

  constructor(private readonly label: string) {}

  tick(done: number, total?: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const rate = Math.round(done / Math.max(0.001, (now - this.started) / 1000));
    const pct = total ? ` ${((100 * done) / total).toFixed(0)}%` : "";
    process.stderr.write(
      `\r${this.label}: ${done.toLocaleString("en")}${pct} (${rate.toLocaleString("en")}/s)   `,
    );
  }

  done(): void {
    if (this.enabled) process.stderr.write("\n");
  }
}
