import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseRecords } from "@/imports/csv/records";
import type { Database } from "../schema";

/**
 * Loads the reference data shipped in db/reference: all Italian comuni, the
 * regions, and Umbria's 12 zone sociali with their members. Idempotent: it
 * upserts, so running it again changes nothing, and it never deletes a comune
 * (data may point to it).
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
  return `UMB-${String(number).padStart(2, "0")}`;
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

    const zones = new Map<number, { name: string; capofila: string }>();
    for (const m of members) zones.set(m.zona_numero, { name: m.zona_nome, capofila: m.capofila_istat });
    await trx
      .insertInto("zone")
      .values(
        [...zones].map(([number, z]) => ({
          code: umbriaZoneCode(number),
          number,
          name: z.name,
          region_code: UMBRIA_REGION_CODE,
          capofila_istat: z.capofila,
        })),
      )
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          capofila_istat: eb.ref("excluded.capofila_istat"),
        })),
      )
      .execute();

    for (const m of members) {
      await trx
        .updateTable("comune")
        .set({ zone_code: umbriaZoneCode(m.zona_numero) })
        .where("istat", "=", m.istat)
        .where("zone_code", "is", null)
        .execute();
    }
  });
  return { comuni: comuni.length, zones: new Set(members.map((m) => m.zona_numero)).size };
}
