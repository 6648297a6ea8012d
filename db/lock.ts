import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process lock: two processes on one data folder silently
 * lose writes. Whoever opens the folder holds `osservatorio.lock` (created with
 * O_EXCL, so two starters cannot both win); a second process fails at once
 * with a message that says who holds it. A lock left by a dead process is taken over.
 */
export interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
  /** Port of the web server holding the folder, when it is the server. */
  port?: number;
  /**
   * Secret of the web server holding the folder: a command-line tool of the
   * same system user presents it to hand its work to the server instead of
   * opening the folder behind the server's back. The file is readable by its owner only.
   */
  localToken?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `La cartella dati ${dataDir} è già in uso dal processo ${holder.pid} ` +
        `(${holder.command}, avviato ${holder.startedAt}${holder.port ? `, server sulla porta ${holder.port}` : ""}). ` +
        `Il database integrato non può essere aperto da due processi: fermare l'altro processo ` +
        `oppure usare DATABASE_URL per un server PostgreSQL.\n` +
        `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}); ` +
        `stop it first or use DATABASE_URL.`,
    );
    this.name = "DataDirLockedError";
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, "osservatorio.lock");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** Acquires the folder lock or throws DataDirLockedError. Returns the release function. */
export function acquireDataDirLock(dataDir: string, info: Omit<LockInfo, "pid" | "startedAt">): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx", mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(dataDir);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      if (holder?.pid === process.pid) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // Stale lock from a process that died: remove it and try once more.
      fs.rmSync(file, { force: true });
    }
  }
  const holder = readLock(dataDir);
  throw new DataDirLockedError(dataDir, holder ?? { pid: -1, command: "?", startedAt: "?" });
}
