/**
 * The common start of a CLI with subcommands (npm run user, npm run zone):
 * parse, print the help on --help or without a subcommand, exit 2 on bad
 * arguments. Returns the exit code to use, or the subcommand and its values.
 */
export type Subcommand<V> = { exit: number } | { command: string; values: V; positionals: string[] };

export function readSubcommand<V extends { help?: boolean }>(parse: () => { values: V; positionals: string[] }, help: string): Subcommand<V> {
  let parsed;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}`);
    return { exit: 2 };
  }
  const command = parsed.positionals[0];
  if (parsed.values.help || !command) {
    console.log(help);
    return { exit: parsed.values.help ? 0 : 2 };
  }
  return { command, values: parsed.values, positionals: parsed.positionals };
}

/** Runs a CLI's main and exits with its code; an error exits 1 with its message (messageOf may word it). */
export function runCli(main: () => Promise<number>, messageOf: (error: unknown) => string | null = () => null): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(messageOf(error) ?? (error instanceof Error ? error.message : String(error)));
      process.exit(1);
    },
  );
}
