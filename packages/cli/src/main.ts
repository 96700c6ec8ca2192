/**
 * `intently` — one CLI for every operation. Dispatches to the longest matching command name,
 * parses flags strictly (unknown flags are errors), and turns CliError into one clear line.
 */
import { parseArgs } from "node:util";
import { CliError, type Command } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";

function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const c of COMMANDS) {
    if (c.name.every((w, i) => argv[i] === w) && (!best || c.name.length > best.name.length))
      best = c;
  }
  return best ? { cmd: best, rest: argv.slice(best.name.length) } : undefined;
}

export function helpText(cmd?: Command): string {
  if (cmd) return `usage: intently ${cmd.name.join(" ")} ${cmd.usage}\n`;
  const width = Math.max(...COMMANDS.map((c) => c.name.join(" ").length));
  const lines = COMMANDS.map((c) => `  ${c.name.join(" ").padEnd(width)}  ${c.summary}`);
  return `usage: intently <command> [flags]\n\nCommands:\n${lines.join("\n")}\n\nRun "intently <command> --help" for a command's flags.\n`;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const prefix = COMMANDS.filter((c) => c.name[0] === argv[0]);
    const hint =
      prefix.length > 0
        ? ` Try: ${prefix.map((c) => `intently ${c.name.join(" ")}`).join(", ")}`
        : ' Run "intently --help".';
    process.stderr.write(`intently: unknown command "${argv.slice(0, 2).join(" ")}".${hint}\n`);
    return 2;
  }
  const { cmd, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(helpText(cmd));
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: cmd.options,
      allowPositionals: cmd.positionals === true,
      strict: true,
    });
    return await cmd.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err instanceof CliError) {
      process.stderr.write(`intently ${cmd.name.join(" ")}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`intently ${cmd.name.join(" ")}: ${err.message}\n${helpText(cmd)}`);
      return 2;
    }
    // System errors (port in use, permission denied, …) are the operator's to fix: one line.
    const line = /^E[A-Z]+$/.test(err.code ?? "") ? err.message : (err.stack ?? err.message);
    process.stderr.write(`intently ${cmd.name.join(" ")}: ${line}\n`);
    return 1;
  }
}
