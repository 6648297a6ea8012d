import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { acquireDataDirLock, DataDirLockedError, lockPath } from "@/db/lock";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-lock-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function openInAnotherProcess(dir: string) {
  return spawnSync("npx", ["tsx", "tests/helpers/open-data-dir.ts", dir], { encoding: "utf8" });
}

describe("embedded data folder lock", () => {
  it("makes a second process fail at once, naming the holder", async () => {
    const dir = tempDir();
    const handle = await openDatabase({ dataDir: dir, holder: { command: "server web Osservatorio", port: 3000 } });
    try {
      const other = openInAnotherProcess(dir);
      expect(other.status).toBe(3);
      expect(other.stderr).toContain(`processo ${process.pid}`);
      expect(other.stderr).toContain("server web Osservatorio");
      expect(other.stderr).toContain("porta 3000");
    } finally {
      await handle.close();
    }
    expect(fs.existsSync(lockPath(dir))).toBe(false);
    const after = openInAnotherProcess(dir);
    expect(after.stdout).toContain("opened");
  });

  it("refuses a second open in the same process too", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, { command: "primo" });
    try {
      expect(() => acquireDataDirLock(dir, { command: "secondo" })).toThrow(DataDirLockedError);
    } finally {
      release();
    }
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: Number(dead.stdout), command: "morto", startedAt: "ieri" }));
    const release = acquireDataDirLock(dir, { command: "nuovo" });
    expect(JSON.parse(fs.readFileSync(lockPath(dir), "utf8")).pid).toBe(process.pid);
    release();
  });
});
