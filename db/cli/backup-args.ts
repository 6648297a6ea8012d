import path from "node:path";
import { parseArgs } from "node:util";

/** Arguments of npm run backup / restore: one FILE, --json, --help and the command's own switches. */
export type BackupArgs = { exit: number } | { file: string; flags: Record<string, boolean> };

export function parseBackupArgs(argv: string[], help: string, switches: readonly string[] = []): BackupArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: Object.fromEntries(["json", "help", ...switches].map((name) => [name, { type: "boolean", default: false } as const])),
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}`);
    return { exit: 2 };
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(help);
    return { exit: 0 };
  }
  if (positionals.length !== 1) {
    console.error(`${positionals.length === 0 ? "Manca il nome del file della copia." : `Un solo file (ricevuti: ${positionals.join(", ")}).`}\n\n${help}`);
    return { exit: 2 };
  }
  return { file: path.resolve(positionals[0] as string), flags: values };
}
