/**
 * npm run bench:scheda [-- --runs 5]
 *
 * Times what the scheda comune computes for one request (comuneProfile: every
 * indicator over every year for the whole zone, disclosure control, the
 * regional figures over every zone of the region, fragility, resources) on the
 * demo dataset in an in-memory PGlite, for a Conferenza member (protected) and
 * a planner (raw values), first run (cold: nothing cached) then warm. Run with
 * the react-server condition (the query modules are "server-only"), as the
 * npm script does. Results go to stdout; copy them to docs/benchmarks.md.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { comuneProfile } from "@/db/queries/comune-profile";
import type { Principal } from "@/lib/auth/roles";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" }, comune: { type: "string", default: "055026" } } });
const RUNS = Number(args.runs);
const ZONE = "UMB-11";
const who = (role: Principal["role"]): Principal => ({ kind: "user", id: role, label: role, role, zones: [ZONE], regions: [], readOnly: false });

const handle = await openDatabase({ memory: true });
try {
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await loadDemoDataset(handle.db, generateDemoDataset());
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}, ${new Date().toISOString()}`);
  for (const [label, principal] of [
    ["Conferenza (protetto)", who("conferenza")],
    ["pianificatore", who("pianificatore")],
  ] as const) {
    const ms: number[] = [];
    let indicators = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const p = await comuneProfile(handle.db, args.comune, principal);
      ms.push(performance.now() - t0);
      indicators = p?.indicators.length ?? 0;
    }
    const warm = ms.slice(1).sort((a, b) => a - b);
    console.log(
      `scheda ${args.comune}, ${label}: first ${(ms[0]! / 1000).toFixed(3)} s, then median ${warm.length ? (warm[Math.floor(warm.length / 2)]! / 1000).toFixed(3) : "-"} s over ${warm.length} runs; ${indicators} indicators`,
    );
  }
} finally {
  await handle.close();
}
