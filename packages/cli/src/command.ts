/** The shape of a CLI command and the error type commands throw for bad usage. */
import type { ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Command {
  /** Words after `intently`, e.g. ["bench", "engine"]. */
  name: readonly string[];
  summary: string;
  /** Lines of help shown by `--help` after the usage line. */
  usage: string;
  options: OptionSpec;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** A usage or input error: printed as one clear line, exit code 2 (bad flag) or 1 (bad input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
