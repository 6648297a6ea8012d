import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseRecords } from "@/imports/csv/records";
import type { Database } from "../schema";
import { applyZoneRows, type ZoneFileRow } from "@/imports/csv/apply-zone";
import type { RowError } from "@/imports/report";
import { zoneCodeOf } from "@/lib/territory/zone-code";

/**
 * Loads the reference data shipped in db/reference: all Italian comuni, the
 * regions, and Umbria's 12 zone sociali with their members (through the
 * `zone` import's code). Idempotent: running it again changes nothing, and it
 * never deletes a comune (data may point to it).
 */
const REFERENCE_DIR = path.join(process.cwd(), "db", "reference");

const ComuneRow = z.object({
  istat: z.string().regex(/^\d{6}$/),
  comune: z.string().min(1),
  sigla: z.string().min(2),
  codice_catastale: z.string().regex(/^[A-Z]\d{3}$/),
  codice_regione: z.string().regex(/^\d{2}$/),
  regione: z.string().min(1),
  popolazione_2011: z.coerce.number().int(),
});

const ZoneMemberRow = z.object({
  zona_numero: z.coerce.number().int().min(1).max(99),
  zona_nome: z.string().min(1),
  capofila_istat: z.string().regex(/^\d{6}$/),
  istat: z.string().regex(/^\d{6}$/),
  comune: z.string().min(1),
  sigla: z.string(),
  codice_catastale: z.string(),
  popolazione_legale_2011: z.coerce.number().int(),
});

/**
 * Reads a `;`-separated UTF-8 file of our own making (not user input) with the
 * project's one CSV reader (imports/csv/records.ts: pure, no I/O).
 */
export function readReferenceCsv<T>(file: string, schema: z.ZodType<T>): T[] {
  const text = fs.readFileSync(path.join(REFERENCE_DIR, file), "utf8").replace(/^\uFEFF/, "");
  const [header, ...records] = parseRecords(text, ";");
  const keys = header?.cells ?? [];
  return records.map(({ line, cells }) => {
    const record = Object.fromEntries(keys.map((k, j) => [k, cells[j] ?? ""]));
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      throw new Error(`${file}, riga ${line}: ${parsed.error.issues[0]?.message ?? "riga non valida"}`);
    }
    return parsed.data;
  });
}

export const UMBRIA_REGION_CODE = "10";

export function umbriaZoneCode(number: number): string {
  const code = zoneCodeOf(UMBRIA_REGION_CODE, number);
  if (code === null) throw new Error(`numero di zona ${number} non valido`);
  return code;
}

/** A row of umbria-zone-sociali.csv as a row of the `zone` import: members since always, the zone's number as the Region's code. */
function umbriaZoneRow(m: ReturnType<typeof readZoneMembers>[number]): ZoneFileRow {
  return {
    officialCode: String(m.zona_numero),
    number: m.zona_numero,
    name: m.zona_nome,
    regionCode: UMBRIA_REGION_CODE,
    capofila: m.capofila_istat,
    comune: m.istat,
    validFrom: null,
    validTo: null,
    part: null,
    share: null,
    successor: null,
  };
}

export function readZoneMembers() {
  return readReferenceCsv("umbria-zone-sociali.csv", ZoneMemberRow);
}

export function readUfficiCittadinanza() {
  return readReferenceCsv(
    "uffici-cittadinanza.csv",
    z.object({
      zona_numero: z.coerce.number().int(),
      istat: z.string().regex(/^\d{6}$/),
      comune: z.string(),
      nome: z.string().min(1),
      indirizzo: z.string(),
      cap: z.string(),
      telefono: z.string(),
      fax: z.string(),
      orari: z.string(),
    }),
  );
}

async function chunked<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

export async function loadReferenceData(db: Kysely<Database>): Promise<{ comuni: number; zones: number }> {
  const comuni = readReferenceCsv("comuni-italiani.csv", ComuneRow);
  const members = readZoneMembers();

  await db.transaction().execute(async (trx) => {
    const regions = new Map(comuni.map((c) => [c.codice_regione, c.regione]));
    await trx
      .insertInto("region")
      .values([...regions].map(([code, name]) => ({ code, name })))
      .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
      .execute();

    await chunked(comuni, 1000, (chunk) =>
      trx
        .insertInto("comune")
        .values(
          chunk.map((c) => ({
            istat: c.istat,
            name: c.comune,
            province: c.sigla,
            cadastral_code: c.codice_catastale,
            region_code: c.codice_regione,
          })),
        )
        // Only fill in: a later ISTAT import may have refreshed names or codes.
        .onConflict((oc) => oc.column("istat").doNothing())
        .execute(),
    );

    // Umbria's zones are one instance of the `zone` import, loaded by the same code (imports/csv/apply-zone.ts):
    // the zones not yet in the database; those already there keep what a later `zone` import set.
    const present = new Set((await trx.selectFrom("zone").select("code").execute()).map((z) => z.code));
    const rows = members.map((m, i) => ({ line: i + 2, row: umbriaZoneRow(m) })).filter((r) => !present.has(umbriaZoneCode(r.row.number)));
    if (rows.length > 0) {
      const errors: RowError[] = [];
      const zones = await applyZoneRows(trx, rows, errors);
      if (errors.length > 0) throw new Error(`umbria-zone-sociali.csv: ${errors.map((e) => e.message).join(" ")}`);
      await zones.apply(null);
    }
  });
  return { comuni: comuni.length, zones: new Set(members.map((m) => m.zona_numero)).size };
}
