import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { acquireDataDirLock, DataDirLockedError, holderAlive, lockLog, lockPath, procStat, type LockInfo } from "@/db/lock";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-lock-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  vi.restoreAllMocks();
});

/** A running process unrelated to Osservatorio, and its PID. */
async function unrelatedProcess(script = "exec sleep 30"): Promise<{ pid: number; child: ChildProcess; firstLine: string }> {
  const child = spawn("sh", ["-c", script], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  const firstLine = await new Promise<string>((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.trim());
    });
    if (script === "exec sleep 30") resolve("");
  });
  return { pid: child.pid as number, child, firstLine };
}

function takeoverMessages(): string[] {
  const messages: string[] = [];
  vi.spyOn(lockLog, "warn").mockImplementation((m: string) => void messages.push(m));
  return messages;
}

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
    const messages = takeoverMessages();
    const release = acquireDataDirLock(dir, { command: "nuovo" });
    expect(JSON.parse(fs.readFileSync(lockPath(dir), "utf8")).pid).toBe(process.pid);
    release();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`processo ${Number(dead.stdout)} (morto`);
    expect(messages[0]).toContain("preso in carico");
  });

  it("records the holder's start time and knows itself alive", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, { command: "io" });
    try {
      const lock = JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as LockInfo;
      expect(lock.pidStart).toBe(procStat(process.pid)?.startTicks);
      expect(holderAlive(lock)).toBe(true);
    } finally {
      release();
    }
  });

  it("takes over a lock whose PID now belongs to an unrelated process, and logs the old holder", async () => {
    const dir = tempDir();
    const { pid } = await unrelatedProcess();
    const stat = procStat(pid);
    expect(stat).not.toBeNull();
    fs.writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid, command: "server web Osservatorio", startedAt: "2026-01-01T00:00:00.000Z", port: 3000, pidStart: String(Number(stat?.startTicks) - 1) }),
    );
    const messages = takeoverMessages();
    const release = acquireDataDirLock(dir, { command: "nuovo" });
    release();
    expect(messages.join("\n")).toContain(`processo ${pid} (server web Osservatorio`);
  });

  it("takes over a lock written before start times were recorded when its PID started later", async () => {
    const dir = tempDir();
    const { pid } = await unrelatedProcess();
    // The lock claims to have been written an hour before this process started.
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid, command: "server web Osservatorio", startedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    const messages = takeoverMessages();
    const release = acquireDataDirLock(dir, { command: "nuovo" });
    release();
    expect(messages).toHaveLength(1);
  });

  it("still refuses when the recorded holder is running", async () => {
    const dir = tempDir();
    const { pid } = await unrelatedProcess();
    const stat = procStat(pid);
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid, command: "altro", startedAt: new Date().toISOString(), pidStart: stat?.startTicks }));
    expect(() => acquireDataDirLock(dir, { command: "nuovo" })).toThrow(DataDirLockedError);
    // Legacy lock of a process that started before it: also alive.
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid, command: "altro", startedAt: new Date(Date.now() + 1000).toISOString() }));
    expect(() => acquireDataDirLock(dir, { command: "nuovo" })).toThrow(/già in uso dal processo/);
  });

  it("treats a zombie holder as dead", async () => {
    const dir = tempDir();
    // The background child exits at once; its parent (exec'd into sleep) never reaps it.
    const { firstLine } = await unrelatedProcess("sleep 0.5 & echo $!; exec sleep 30");
    const zombie = Number(firstLine);
    for (let i = 0; i < 200 && procStat(zombie)?.state !== "Z"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(procStat(zombie)?.state).toBe("Z");
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: zombie, command: "zombi", startedAt: new Date().toISOString(), pidStart: procStat(zombie)?.startTicks }));
    const messages = takeoverMessages();
    const release = acquireDataDirLock(dir, { command: "nuovo" });
    release();
    expect(messages.join("\n")).toContain(`processo ${zombie} (zombi`);
  });

  it("says who holds the folder in Italian only", () => {
    const error = new DataDirLockedError("/dati", { pid: 7, command: "npm run import", startedAt: "oggi" });
    expect(error.message).toContain("processo 7 (npm run import");
    expect(error.message).not.toMatch(/\b(the|is in use|stop it|first)\b/i);
  });
});
