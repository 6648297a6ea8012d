import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUpload, MAX_AGE_MS, removeUpload, storeUpload, UploadError, UploadQuotaError, UploadTooLargeError, type UploadOwner } from "@/imports/uploads";
import { parseEnv } from "@/lib/env";
import { testEngines } from "@/tests/helpers/db";
import { importSuite, TEST_ZONE } from "@/tests/helpers/import-suite";
import { englishIn } from "@/tests/fuzz/hostile-files";
import { requestBody as body } from "@/tests/helpers/request-body";

/**
 * The upload path of the import route (issue 8), from the request body to the
 * database: the body streamed to disk by storeUpload, the preview and the
 * commit found again by findUpload, both run by runImport. What it refuses
 * leaves neither a file in the uploads folder nor a row in the database.
 */
const MB = 1024 * 1024;
const owner: UploadOwner = { principal: "user:analista", zoneCode: TEST_ZONE };

/** A list of resources of more than `megabytes` MB, one distinct name per row. */
function resources(megabytes: number): { bytes: Buffer; rows: number } {
  const lines = ["tipo;nome;comune;indirizzo"];
  let size = 0;
  for (let i = 0; size <= megabytes * MB; i++) {
    const line = `associazione;Associazione di volontariato numero ${i};Narni;Via della Repubblica ${i}, Narni (TR)`;
    lines.push(line);
    size += line.length + 1;
  }
  return { bytes: Buffer.from(lines.join("\n") + "\n"), rows: lines.length - 1 };
}

const small = Buffer.from("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2024;19313\n");
const config = parseEnv({});
const limits = { limitBytes: config.OSSERVATORIO_MAX_UPLOAD_MB * MB, quotaBytes: config.OSSERVATORIO_UPLOAD_QUOTA_MB * MB };

function dataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-uploads-it-"));
}
const stored = (dir: string) => (fs.existsSync(path.join(dir, "uploads")) ? fs.readdirSync(path.join(dir, "uploads")).sort() : []);

/** The refusal of a store: its Italian message, and nothing left in the folder. */
async function refusal(dir: string, promise: Promise<unknown>): Promise<UploadError> {
  const before = stored(dir);
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadError);
  const message = (error as UploadError).message;
  expect(englishIn(message), message).toBeNull();
  expect(message).toMatch(/nulla è stato importato/i);
  expect(stored(dir)).toEqual(before);
  return error as UploadError;
}

describe.each(testEngines())("uploads on $name", (engine) => {
  const suite = importSuite(engine);
  const resourceRows = async () => Number((await suite.handle.db.selectFrom("resource").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const observationRows = async () => Number((await suite.handle.db.selectFrom("observation").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("commits a file above 10 MB whole: preview and commit of the stored upload count every row", { timeout: 600_000 }, async () => {
    const dir = dataDir();
    const { bytes, rows } = resources(10.5);
    expect(bytes.length).toBeGreaterThan(10 * MB);
    const upload = await storeUpload(dir, body(bytes), { ...limits, owner, expectedBytes: bytes.length });
    expect(fs.statSync(upload.filePath).size).toBe(bytes.length);
    const filePath = findUpload(dir, upload.uploadId, owner) as string;
    const preview = await suite.run(filePath, { kind: "risorse", dryRun: true });
    expect(preview).toMatchObject({ status: "previewed", rowsRead: rows, inserted: rows, rejected: 0, fileErrors: [] });
    // The confirmation finds the same file by its id.
    const commit = await suite.run(findUpload(dir, upload.uploadId, owner) as string, { kind: "risorse" });
    expect(commit).toMatchObject({ status: "committed", rowsRead: rows, inserted: rows, rejected: 0 });
    expect(await resourceRows()).toBe(rows);
    // The last row of the file is there, whole.
    const last = await suite.handle.db.selectFrom("resource").select(["name", "address"]).where("name", "=", `Associazione di volontariato numero ${rows - 1}`).executeTakeFirst();
    expect(last).toEqual({ name: `Associazione di volontariato numero ${rows - 1}`, address: `Via della Repubblica ${rows - 1}, Narni (TR)` });
    removeUpload(dir, upload.uploadId);
    expect(stored(dir)).toEqual([]);
  });

  it("refuses a file above OSSERVATORIO_MAX_UPLOAD_MB, declared or not, and stores nothing", async () => {
    const dir = dataDir();
    const limited = parseEnv({ OSSERVATORIO_MAX_UPLOAD_MB: "1" });
    const limit = { limitBytes: limited.OSSERVATORIO_MAX_UPLOAD_MB * MB, quotaBytes: limits.quotaBytes };
    const { bytes } = resources(1.2);
    // Declared over the limit: refused before a byte is read.
    const declared = await refusal(dir, storeUpload(dir, body(bytes), { ...limit, owner, expectedBytes: bytes.length }));
    expect(declared).toBeInstanceOf(UploadTooLargeError);
    expect(declared.status).toBe(413);
    expect(declared.message).toContain("supera il limite di 1 MB (OSSERVATORIO_MAX_UPLOAD_MB)");
    // Declared under it, but the body goes on past it: stopped while streaming.
    const streamed = await refusal(dir, storeUpload(dir, body(bytes), { limitBytes: MB, quotaBytes: limits.quotaBytes, owner, expectedBytes: MB }));
    expect(streamed).toBeInstanceOf(UploadTooLargeError);
    expect(await resourceRows()).toBe(0);
  });

  it("refuses a body whose size differs from its Content-Length, shorter or longer, and stores nothing", async () => {
    const dir = dataDir();
    const shorter = await refusal(dir, storeUpload(dir, body(small, 20), { ...limits, owner, expectedBytes: small.length }));
    expect(shorter.message).toMatch(new RegExp(`attesi ${small.length} byte \\(Content-Length\\), ricevuti 20\\.`));
    const longer = await refusal(dir, storeUpload(dir, body(small), { ...limits, owner, expectedBytes: 20 }));
    expect(longer.message).toMatch(/attesi 20 byte \(Content-Length\), ricevuti più di 21\./);
    expect(await observationRows()).toBe(0);
  });

  it("refuses an upload over the user's quota with a clear message, keeping their pending file", async () => {
    const dir = dataDir();
    const quota = { limitBytes: MB, quotaBytes: 100 };
    const first = await storeUpload(dir, body(small), { ...quota, owner, expectedBytes: small.length });
    const otherZone: UploadOwner = { principal: owner.principal, zoneCode: "UMB-10" };
    const error = await refusal(dir, storeUpload(dir, body(small), { ...quota, owner: otherZone, expectedBytes: small.length }));
    expect(error).toBeInstanceOf(UploadQuotaError);
    expect(error.status).toBe(413);
    expect(error.message).toBe(
      `Spazio per i file in attesa esaurito: questo file (${small.length} byte) e quelli già caricati e non ancora confermati (${small.length} byte) ` +
        "superano il limite per utente di 100 byte (OSSERVATORIO_UPLOAD_QUOTA_MB). " +
        "Nulla è stato importato: confermare o abbandonare le anteprime aperte, oppure riprovare tra qualche ora, quando scadono.",
    );
    // The pending preview is still there and still imports.
    const report = await suite.run(findUpload(dir, first.uploadId, owner) as string);
    expect(report).toMatchObject({ status: "committed", inserted: 1 });
  });

  it("refuses an expired upload id and removes its file", async () => {
    const dir = dataDir();
    const upload = await storeUpload(dir, body(small), { ...limits, owner, expectedBytes: small.length, now: Date.now() - MAX_AGE_MS - 60_000 });
    expect(stored(dir)).toHaveLength(2); // the file and its owner
    expect(findUpload(dir, upload.uploadId, owner)).toBeNull();
    expect(stored(dir)).toEqual([]);
    expect(await observationRows()).toBe(0);
  });

  it("refuses the upload id of another user or another zone, and keeps it for its owner", async () => {
    const dir = dataDir();
    const upload = await storeUpload(dir, body(small), { ...limits, owner, expectedBytes: small.length });
    expect(findUpload(dir, upload.uploadId, { principal: "user:altro", zoneCode: TEST_ZONE })).toBeNull();
    expect(findUpload(dir, upload.uploadId, { principal: owner.principal, zoneCode: "UMB-10" })).toBeNull();
    expect(findUpload(dir, upload.uploadId, { principal: "local:local", zoneCode: null })).toBeNull();
    expect(stored(dir)).toHaveLength(2);
    const report = await suite.run(findUpload(dir, upload.uploadId, owner) as string, { dryRun: true });
    expect(report).toMatchObject({ status: "previewed", rowsRead: 1 });
  });
});
