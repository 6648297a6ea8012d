/**
 * npm run bench:readers [-- --rows 300000 --idle-seconds 20]
 *
 * Readers of one zone while another zone imports, on the embedded database
 * (PGlite in a folder, as the server runs it). The demo data fill Zona 10
 * (Terni) and Zona 11; a `valori` file of N rows for the comuni of Zona 11 is
 * imported once (set-up, not measured), then a second file with every value
 * changed (N updates) is imported while a loop asks what the Panoramica and
 * Territorio pages of Zona 10 ask (zoneOverview, territoryTable,
 * territorySeries), one request after the other. Each request's latency is
 * recorded; the figures are printed for the loop without an import (idle) and
 * during the update import. Run with the react-server condition (the query
 * modules are "server-only"), as the npm script does; copy the output to
 * docs/benchmarks.md with the machine and date. Never a test: times vary with the machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { zoneOverview } from "@/db/queries/overview";
import { territorySeries, territoryTable } from "@/db/queries/territory";
import { runImport } from "@/imports/run";
import { FILLER_INDICATORS as CATALOGUE } from "@/tests/helpers/filler-indicators";
import type { Principal } from "@/lib/auth/roles";

const { values: args } = parseArgs({ options: { rows: { type: "string", default: "300000" }, "idle-seconds": { type: "string", default: "20" } } });
const ROWS = Number(args.rows);
const IDLE_MS = Number(args["idle-seconds"]) * 1000;
const IMPORT_ZONE = "UMB-11";
const READER_ZONE = "UMB-10";
const READ_INDICATORS = ["POP_TOT", "PERC_65_PLUS", "INDICE_VECCHIAIA"];
const planner: Principal = { kind: "user", id: "bench", label: "bench", role: "pianificatore", zones: [READER_ZONE], regions: [], readOnly: false };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-readers-"));

/** A long-format file of `rows` unique (indicator, comune, month) keys; `shift` changes every value. */
function writeFile(file: string, comuni: readonly string[], shift: number): void {
  // Values between 11 and 92: within every catalogue range and never ten times the previous year.
  const lines = ["indicatore;comune;periodo;valore"];
  let i = 0;
  for (let m = 0; i < ROWS; m++) {
    const year = 1990 + Math.floor(m / 12);
    const month = String((m % 12) + 1).padStart(2, "0");
    for (const d of CATALOGUE) {
      for (const istat of comuni) {
        if (i++ >= ROWS) break;
        lines.push(`${d.code};${istat};${month}/${year};${((i * 7919) % 80) + 11 + shift}`);
      }
      if (i >= ROWS) break;
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

function summary(label: string, ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const r = (x: number) => Math.round(x);
  return { fase: label, richieste: sorted.length, p50_ms: r(at(0.5)), p95_ms: r(at(0.95)), p99_ms: r(at(0.99)), max_ms: r(sorted.at(-1) ?? NaN) };
}

const handle = await openDatabase({ dataDir: dir, holder: { command: "bench:readers" } });
try {
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await loadDemoDataset(handle.db, generateDemoDataset());
  const comuni = (await handle.db.selectFrom("comune").select("istat").where("zone_code", "=", IMPORT_ZONE).orderBy("istat").execute()).map((c) => c.istat);
  const first = path.join(dir, "valori-1.csv");
  const second = path.join(dir, "valori-2.csv");
  writeFile(first, comuni, 0);
  writeFile(second, comuni, 1);
  const importFile = (file: string) =>
    runImport(handle, { fileName: path.basename(file), filePath: file, kind: "valori", zoneCode: IMPORT_ZONE, dryRun: false, validOnly: false, userLabel: "bench", acceptWarnings: true });

  const setUp = await importFile(first);
  if (setUp.status !== "committed") throw new Error(`set-up import: ${setUp.status} ${JSON.stringify(setUp.fileErrors)} ${JSON.stringify(setUp.errors.slice(0, 3))}`);

  /** One reader: the three page queries of Zona 10 in turn, until `until()` says stop. */
  const readLoop = async (until: () => boolean) => {
    const ms: number[] = [];
    const requests = [
      () => zoneOverview(handle.db, READER_ZONE, planner),
      () => territoryTable(handle.db, READER_ZONE, READ_INDICATORS, null, planner),
      () => territorySeries(handle.db, READER_ZONE, "POP_TOT", planner),
    ];
    for (let i = 0; !until(); i++) {
      // Requests reach a server through its event loop: let timers and I/O (the import's file reads) run in between.
      await new Promise((resolve) => setImmediate(resolve));
      const t0 = performance.now();
      await (requests[i % requests.length] as () => Promise<unknown>)();
      ms.push(performance.now() - t0);
    }
    return ms;
  };

  const idleEnd = Date.now() + IDLE_MS;
  const idle = await readLoop(() => Date.now() >= idleEnd);

  let done = false;
  const t0 = performance.now();
  const [report, during] = await Promise.all([
    importFile(second).finally(() => {
      done = true;
    }),
    readLoop(() => done),
  ]);
  const importSeconds = (performance.now() - t0) / 1000;
  if (report.status !== "committed" || report.updated !== ROWS) throw new Error(`update import: ${report.status}, ${report.updated} updated`);

  console.log(
    `macchina: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`importazione di ${ROWS} righe aggiornate in ${IMPORT_ZONE}: ${importSeconds.toFixed(1)} s; lettori di ${READER_ZONE}:`);
  console.table([summary("senza importazione", idle), summary("durante l'importazione", during)]);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
