import { sql } from "kysely";
import type { Db } from "@/db/queries/zones";
import type { RowError, ValueChange } from "../report";
import { listMemberships, syncCurrentZones, type MembershipRow } from "@/db/queries/membership";
import { zoneCodeOf } from "@/lib/territory/zone-code";
import { normaliseIstatCode } from "./comune";

/**
 * The `zone` import (issue 18, docs/distribuzione.md «Territorio»): zone
 * sociali / ATS of any region with their members over time. The file gives,
 * for every zone it names, the whole membership history: the zone's rows in
 * zone_membership are replaced by the file's, in one transaction, all or
 * nothing (one bad row and nothing is written). The reference loader
 * (db/reference/load.ts) loads Umbria's zones through this same function.
 */

/** A row of a `zone` file, parsed (imports/csv/kinds.ts KINDS.zone) but not yet checked against the database. */
export interface ZoneFileRow {
  officialCode: string;
  number: number;
  name: string;
  regionCode: string;
  capofila: string;
  comune: string;
  validFrom: string | null;
  validTo: string | null;
  part: string | null;
  share: number | null;
  successor: string | null;
}

/** The file column of each field, as the template heads it (messages name it). */
export const ZONE_COLUMN_LABELS: Record<keyof ZoneFileRow, string> = {
  officialCode: "codice_ats",
  number: "numero",
  name: "nome_zona",
  regionCode: "regione",
  capofila: "capofila",
  comune: "comune",
  validFrom: "data_inizio",
  validTo: "data_fine",
  part: "parte",
  share: "quota",
  successor: "successore",
};

export interface ZoneUndo {
  table: "zone";
  /** Zones the import created (removed by undo when nothing refers to them). */
  inserted: string[];
  /** The zones' rows before the import (those it changed). */
  previous: { code: string; name: string; capofila_istat: string; official_code: string | null }[];
  /** Every zone the file names: their memberships are put back as they were. */
  zones: string[];
  memberships: MembershipRow[];
  /** Comuni whose suppression or successor the import set, as they were. */
  comuni: { istat: string; suppressed_on: string | null; successor_istat: string | null }[];
}

export interface ZoneApplyResult {
  counts: { inserted: number; updated: number; unchanged: number };
  rejected: number;
  changes: ValueChange[];
  undo: ZoneUndo;
  /** Writes the file's zones and memberships (only when no row was rejected). */
  apply(batchId: number | null): Promise<void>;
}

interface CheckedMember {
  line: number;
  zoneCode: string;
  istat: string;
  part: string;
  share: number | null;
  validFrom: string | null;
  validTo: string | null;
  successor: string | null;
}

const DAY_MIN = "0001-01-01";
const DAY_MAX = "9999-12-31";
const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const period = (from: string | null, to: string | null) => (from === null && to === null ? "da sempre" : `${from === null ? "da sempre" : `dal ${itDate(from)}`}${to === null ? " a oggi" : ` al ${itDate(to)}`}`);
const overlaps = (a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }) =>
  (a.validFrom ?? DAY_MIN) <= (b.validTo ?? DAY_MAX) && (b.validFrom ?? DAY_MIN) <= (a.validTo ?? DAY_MAX);
const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const membershipKey = (m: { zoneCode: string; istat: string; part: string; share: number | null; validFrom: string | null; validTo: string | null }) =>
  [m.zoneCode, m.istat, m.part, m.share ?? "", m.validFrom ?? "", m.validTo ?? ""].join("|");

export async function applyZoneRows(trx: Db, rows: { line: number; row: ZoneFileRow }[], errors: RowError[]): Promise<ZoneApplyResult> {
  const comuni = new Map(
    (await trx.selectFrom("comune").select(["istat", "name", "region_code", sql<string | null>`suppressed_on::text`.as("suppressed_on"), "successor_istat"]).execute()).map((c) => [c.istat, c]),
  );
  const regions = new Set((await trx.selectFrom("region").select("code").execute()).map((r) => r.code));
  const existingZones = new Map((await trx.selectFrom("zone").selectAll().execute()).map((z) => [z.code, z]));
  const rejectedLines = new Set<number>();
  const fail = (line: number, field: keyof ZoneFileRow, value: string, message: string) => {
    rejectedLines.add(line);
    const column = ZONE_COLUMN_LABELS[field];
    errors.push({ line, column, value, message: `Riga ${line}, colonna "${column}": ${value ? `"${value}" ` : ""}${message}.` });
  };
  const comuneName = (istat: string) => comuni.get(istat)?.name ?? istat;

  // The zones: one definition per code, the same on every row of the zone.
  const zones = new Map<string, { line: number; officialCode: string; number: number; name: string; regionCode: string; capofila: string }>();
  const members: CheckedMember[] = [];
  for (const { line, row } of rows) {
    const regionCode = row.regionCode.trim().padStart(2, "0");
    const code = zoneCodeOf(regionCode, row.number);
    if (!regions.has(regionCode) || code === null) {
      fail(line, regionCode && regions.has(regionCode) ? "number" : "regionCode", regions.has(regionCode) ? String(row.number) : row.regionCode, regions.has(regionCode) ? "numero di zona non valido (da 1 a 999)" : "regione sconosciuta: atteso il codice ISTAT di 2 cifre (03 Lombardia, 10 Umbria)");
      continue;
    }
    const capofila = normaliseIstatCode(row.capofila);
    const istat = normaliseIstatCode(row.comune);
    const successor = row.successor === null ? null : normaliseIstatCode(row.successor);
    const before = rejectedLines.size;
    if (!capofila || !comuni.has(capofila)) fail(line, "capofila", row.capofila, "comune capofila sconosciuto: atteso un codice ISTAT di 6 cifre");
    if (!istat || !comuni.has(istat)) fail(line, "comune", row.comune, "comune sconosciuto: atteso un codice ISTAT di 6 cifre");
    else if (comuni.get(istat)?.region_code !== regionCode) fail(line, "comune", row.comune, `${comuneName(istat)} non è della regione ${regionCode}`);
    if (row.successor !== null && (!successor || !comuni.has(successor))) fail(line, "successor", row.successor, "comune successore sconosciuto: atteso un codice ISTAT di 6 cifre");
    if (successor !== null && row.validTo === null) fail(line, "validTo", "", "un comune soppresso per fusione ha bisogno della data «data_fine» (l'ultimo giorno prima della fusione)");
    if (successor !== null && successor === istat) fail(line, "successor", row.successor ?? "", "un comune non può essere il successore di sé stesso");
    if (row.validFrom !== null && row.validTo !== null && row.validTo < row.validFrom) fail(line, "validTo", itDate(row.validTo), `la fine viene prima dell'inizio (${itDate(row.validFrom)})`);
    if (row.share !== null && row.part === null) fail(line, "share", String(row.share).replace(".", ","), "la quota è di una parte del comune: indicare anche «parte»");
    if (row.share !== null && row.share <= 0) fail(line, "share", String(row.share).replace(".", ","), "la quota deve essere maggiore di 0");
    const zone = zones.get(code);
    if (!zone) {
      const taken = [...existingZones.values()].find((z) => z.region_code === regionCode && z.official_code === row.officialCode && z.code !== code);
      const inFile = [...zones.entries()].find(([c, z]) => c !== code && z.regionCode === regionCode && z.officialCode === row.officialCode);
      if (taken) fail(line, "officialCode", row.officialCode, `codice già della zona ${taken.code} (${taken.name})`);
      else if (inFile) fail(line, "officialCode", row.officialCode, `codice già della zona ${inFile[0]} alla riga ${inFile[1].line}`);
      else zones.set(code, { line, officialCode: row.officialCode.trim(), number: row.number, name: row.name.trim(), regionCode, capofila: capofila ?? "" });
    } else {
      const differs = (
        [
          ["officialCode", zone.officialCode, row.officialCode.trim()],
          ["name", zone.name, row.name.trim()],
          ["capofila", zone.capofila, capofila ?? row.capofila],
        ] as const
      ).find(([, a, b]) => a !== b);
      if (differs) fail(line, differs[0], differs[2], `la zona ${code} ha «${differs[1]}» alla riga ${zone.line}: ogni riga della zona deve dire lo stesso`);
    }
    if (rejectedLines.size > before || !istat) continue;
    members.push({ line, zoneCode: code, istat, part: row.part?.trim() ?? "", share: row.share, validFrom: row.validFrom, validTo: row.validTo, successor });
  }

  // The capofila is one of the zone's members.
  for (const [code, z] of zones) {
    if (z.capofila && !members.some((m) => m.zoneCode === code && m.istat === z.capofila)) fail(z.line, "capofila", z.capofila, `${comuneName(z.capofila)} non è tra i comuni della zona ${code} nel file`);
  }

  // No comune (or part) in two places at once: the file's rows, and the stored rows of the zones the file does not name.
  const stored = (await listMemberships(trx)).filter((m) => !zones.has(m.zoneCode));
  const byComune = new Map<string, { line: number | null; zoneCode: string; part: string; validFrom: string | null; validTo: string | null }[]>();
  for (const m of stored) {
    const list = byComune.get(m.comuneIstat) ?? [];
    list.push({ line: null, zoneCode: m.zoneCode, part: m.part, validFrom: m.validFrom, validTo: m.validTo });
    byComune.set(m.comuneIstat, list);
  }
  for (const m of members) {
    const list = byComune.get(m.istat) ?? [];
    const clash = list.find((o) => overlaps(o, m) && (o.part === m.part || o.part === "" || m.part === ""));
    if (clash) {
      const where = clash.line === null ? `già registrata (zona non presente nel file)` : `alla riga ${clash.line}`;
      const what = m.part ? `la parte «${m.part}» di ${comuneName(m.istat)}` : comuneName(m.istat);
      fail(m.line, m.validFrom !== null || m.validTo !== null ? "validFrom" : "comune", m.validFrom ? itDate(m.validFrom) : m.istat, `${what} ${period(m.validFrom, m.validTo)} è anche nella zona ${clash.zoneCode} ${period(clash.validFrom, clash.validTo)}, ${where}: un comune (o una sua parte) è di una sola zona alla volta`);
    }
    list.push({ line: m.line, zoneCode: m.zoneCode, part: m.part, validFrom: m.validFrom, validTo: m.validTo });
    byComune.set(m.istat, list);
  }
  // A successor is named once per suppressed comune.
  const successorOf = new Map<string, CheckedMember>();
  for (const m of members) {
    if (m.successor === null) continue;
    const first = successorOf.get(m.istat);
    if (first && first.successor !== m.successor) fail(m.line, "successor", m.successor, `alla riga ${first.line} il successore di ${comuneName(m.istat)} è ${first.successor}`);
    else successorOf.set(m.istat, m);
  }

  const zoneCodes = [...zones.keys()].sort();
  const previousMemberships = await listMemberships(trx, zoneCodes);
  const storedKeys = new Set(previousMemberships.map((m) => membershipKey({ ...m, istat: m.comuneIstat })));
  const fileKeys = new Set(members.map(membershipKey));
  const changes: ValueChange[] = [];
  const inserted: string[] = [];
  const previous: ZoneUndo["previous"] = [];
  let updated = 0;
  for (const [code, z] of zones) {
    const old = existingZones.get(code);
    if (!old) {
      inserted.push(code);
      changes.push({ line: z.line, label: code, before: "(nuova zona)", after: `${z.name} (${z.officialCode})` });
    } else if (old.name !== z.name || old.capofila_istat !== z.capofila || old.official_code !== z.officialCode) {
      updated++;
      previous.push({ code, name: old.name, capofila_istat: old.capofila_istat, official_code: old.official_code });
      changes.push({ line: z.line, label: code, before: `${old.name} (${old.official_code ?? "senza codice"}), capofila ${comuneName(old.capofila_istat)}`, after: `${z.name} (${z.officialCode}), capofila ${comuneName(z.capofila)}` });
    }
  }
  for (const m of previousMemberships) {
    if (fileKeys.has(membershipKey({ ...m, istat: m.comuneIstat }))) continue;
    updated++;
    changes.push({ line: 0, label: `${m.zoneCode} · ${comuneName(m.comuneIstat)}${m.part ? ` (${m.part})` : ""}`, before: period(m.validFrom, m.validTo), after: "tolto o cambiato" });
  }
  let insertedMembers = 0;
  for (const m of members) {
    if (storedKeys.has(membershipKey(m))) continue;
    insertedMembers++;
    changes.push({ line: m.line, label: `${m.zoneCode} · ${comuneName(m.istat)}${m.part ? ` (${m.part})` : ""}`, before: "", after: period(m.validFrom, m.validTo) });
  }
  const suppressions = [...successorOf.values()]
    .map((m) => ({ istat: m.istat, suppressedOn: nextDay(m.validTo ?? ""), successor: m.successor ?? "" }))
    .filter((s) => {
      const c = comuni.get(s.istat);
      return c !== undefined && (c.suppressed_on !== s.suppressedOn || c.successor_istat !== s.successor);
    });
  updated += suppressions.length;
  for (const s of suppressions) changes.push({ line: successorOf.get(s.istat)?.line ?? 0, label: comuneName(s.istat), before: "attivo", after: `confluito in ${comuneName(s.successor)} dal ${itDate(s.suppressedOn)}` });
  const unchanged = members.length - insertedMembers;

  const touched = [...new Set([...previousMemberships.map((m) => m.comuneIstat), ...members.map((m) => m.istat)])];
  return {
    counts: { inserted: inserted.length + insertedMembers, updated, unchanged },
    rejected: rejectedLines.size,
    changes,
    undo: {
      table: "zone",
      inserted,
      previous,
      zones: zoneCodes,
      memberships: previousMemberships,
      comuni: suppressions.map((s) => {
        const c = comuni.get(s.istat);
        return { istat: s.istat, suppressed_on: c?.suppressed_on ?? null, successor_istat: c?.successor_istat ?? null };
      }),
    },
    async apply() {
      if (rejectedLines.size > 0) throw new Error("a zone file with rejected rows is never applied");
      for (const code of inserted) {
        const z = zones.get(code)!;
        await trx.insertInto("zone").values({ code, number: z.number, name: z.name, region_code: z.regionCode, capofila_istat: z.capofila, official_code: z.officialCode }).execute();
      }
      for (const p of previous) {
        const z = zones.get(p.code)!;
        await trx.updateTable("zone").set({ name: z.name, capofila_istat: z.capofila, official_code: z.officialCode }).where("code", "=", p.code).execute();
      }
      if (zoneCodes.length > 0) await trx.deleteFrom("zone_membership").where("zone_code", "in", zoneCodes).execute();
      for (let i = 0; i < members.length; i += 1000) {
        await trx
          .insertInto("zone_membership")
          .values(members.slice(i, i + 1000).map((m) => ({ comune_istat: m.istat, zone_code: m.zoneCode, part: m.part, share: m.share, valid_from: m.validFrom, valid_to: m.validTo })))
          .execute();
      }
      for (const s of suppressions) await trx.updateTable("comune").set({ suppressed_on: s.suppressedOn, successor_istat: s.successor, updated_at: new Date() }).where("istat", "=", s.istat).execute();
      await syncCurrentZones(trx, touched);
    },
  };
}

/** Undo of a `zone` import: memberships, zones and comuni as they were before it. */
export async function restoreZoneSnapshot(trx: Db, undo: ZoneUndo): Promise<{ removed: number; restored: number }> {
  const touched = new Set(undo.memberships.map((m) => m.comuneIstat));
  if (undo.zones.length > 0) {
    for (const r of await trx.selectFrom("zone_membership").select("comune_istat").where("zone_code", "in", undo.zones).execute()) touched.add(r.comune_istat);
    await trx.deleteFrom("zone_membership").where("zone_code", "in", undo.zones).execute();
  }
  for (let i = 0; i < undo.memberships.length; i += 1000) {
    await trx
      .insertInto("zone_membership")
      .values(undo.memberships.slice(i, i + 1000).map((m) => ({ comune_istat: m.comuneIstat, zone_code: m.zoneCode, part: m.part, share: m.share, valid_from: m.validFrom, valid_to: m.validTo })))
      .execute();
  }
  for (const p of undo.previous) {
    await trx.updateTable("zone").set({ name: p.name, capofila_istat: p.capofila_istat, official_code: p.official_code }).where("code", "=", p.code).execute();
  }
  for (const c of undo.comuni) await trx.updateTable("comune").set({ suppressed_on: c.suppressed_on, successor_istat: c.successor_istat, updated_at: new Date() }).where("istat", "=", c.istat).execute();
  await syncCurrentZones(trx, [...touched, ...undo.comuni.map((c) => c.istat)]);
  if (undo.inserted.length > 0) await trx.deleteFrom("zone").where("code", "in", undo.inserted).execute();
  return { removed: undo.inserted.length, restored: undo.previous.length + undo.memberships.length };
}
