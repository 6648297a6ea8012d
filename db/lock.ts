import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process lock: two processes on one data folder silently
 * lose writes. Whoever opens the folder holds `osservatorio.lock` (created with
 * O_EXCL, so two starters cannot both win); a second process fails at once
 * with a message that says who holds it. A lock left by a dead process is
 * taken over, and the takeover is logged with the previous holder.
 *
 * "Dead" includes a zombie and a PID that the system has since given to an
 * unrelated process: the lock records the holder's start time as the kernel
 * knows it (/proc/PID/stat), and a process with the same PID but another start
 * time is not the holder.
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
  /** The holder's start time in clock ticks since boot (field 22 of /proc/PID/stat), where /proc exists. */
  pidStart?: string;
  /** The boot the start time refers to (/proc/sys/kernel/random/boot_id). */
  bootId?: string;
}

function describeHolder(holder: LockInfo): string {
  return `processo ${holder.pid} (${holder.command}, avviato ${holder.startedAt}${holder.port ? `, server sulla porta ${holder.port}` : ""})`;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `La cartella dati ${dataDir} è già in uso dal ${describeHolder(holder)}. ` +
        `Il database integrato non può essere aperto da due processi: fermare l'altro processo ` +
        `oppure usare DATABASE_URL per un server PostgreSQL.`,
    );
    this.name = "DataDirLockedError";
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, "osservatorio.lock");
}

interface ProcStat {
  state: string;
  startTicks: string;
}

/** State and start time of a process from /proc, or null where /proc has no entry for it. */
export function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may contain spaces.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks ? { state, startTicks } : null;
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Absolute start time of a process in ms, from the boot time and its start ticks (legacy locks). */
function processStartMs(startTicks: string): number | null {
  try {
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1];
    // USER_HZ is 100 on every Linux that Node runs on.
    return btime ? Number(btime) * 1000 + (Number(startTicks) / 100) * 1000 : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` is still running (not a zombie, not a reused PID). */
export function holderAlive(holder: LockInfo): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(holder.pid);
  if (!stat) return true; // no /proc: the signal test is all we have
  if (stat.state === "Z" || stat.state === "X") return false;
  if (holder.pidStart !== undefined) {
    if (holder.bootId !== undefined && holder.bootId !== bootId()) return false;
    return holder.pidStart === stat.startTicks;
  }
  // A lock written before start times were recorded: the holder must have
  // started before it wrote the lock (two seconds of rounding allowed).
  const started = processStartMs(stat.startTicks);
  const written = Date.parse(holder.startedAt);
  if (started === null || Number.isNaN(written)) return true;
  return started <= written + 2000;
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** The web server holding the embedded folder, if one is running there. */
export function runningServer(dataDir: string): { port: number; token: string } | null {
  const lock = readLock(dataDir);
  if (!lock?.port || !lock.localToken || !holderAlive(lock)) return null;
  return { port: lock.port, token: lock.localToken };
}

/** Where a takeover is reported; tests replace it to read the message. */
export const lockLog = { warn: (message: string) => console.warn(message) };

/** Acquires the folder lock or throws DataDirLockedError. Returns the release function. */
export function acquireDataDirLock(dataDir: string, info: Omit<LockInfo, "pid" | "startedAt">): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const stat = procStat(process.pid);
  const mine: LockInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...info,
    ...(stat ? { pidStart: stat.startTicks, bootId: bootId() } : {}),
  };
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
      // The same process opening twice is alive too (same PID and start time).
      if (holder && holderAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // Stale lock from a process that died: remove it, say so, and try once more.
      lockLog.warn(
        holder
          ? `Cartella dati ${dataDir}: il blocco lasciato dal ${describeHolder(holder)} è scaduto ` +
              `(il processo non è più in esecuzione); preso in carico dal processo ${process.pid}.`
          : `Cartella dati ${dataDir}: il file di blocco era illeggibile; preso in carico dal processo ${process.pid}.`,
      );
      fs.rmSync(file, { force: true });
    }
  }
  const holder = readLock(dataDir);
  throw new DataDirLockedError(dataDir, holder ?? { pid: -1, command: "?", startedAt: "?" });
}
