import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";

/**
 * Uploaded files wait on disk between the preview and the confirmation, so a
 * large file is sent once and never held in memory. They live in
 * <data dir>/uploads, each with a small JSON file naming its owner (the user
 * and the zone it was uploaded for): only that owner can use the id again, in
 * that zone. They are removed after the commit, when the same owner uploads a
 * new file for the same zone, or after MAX_AGE_MS; the pending uploads of one
 * user never exceed a quota (OSSERVATORIO_UPLOAD_QUOTA_MB).
 */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

const KB = 1024;
const MB = 1024 * KB;
/** A size in words: "1,5 MB", "12 KB", "58 byte" (a small size is never shown as "0 MB"). */
export function sizeInWords(bytes: number): string {
  const format = (n: number) => n.toLocaleString("it-IT", { maximumFractionDigits: 1 });
  if (bytes >= 0.1 * MB) return `${format(bytes / MB)} MB`;
  if (bytes >= KB) return `${format(bytes / KB)} KB`;
  return `${bytes.toLocaleString("it-IT")} byte`;
}

export class UploadTooLargeError extends UploadError {
  constructor(readonly limitBytes: number) {
    super(413, `Il file supera il limite di ${sizeInWords(limitBytes)} (OSSERVATORIO_MAX_UPLOAD_MB): nulla è stato importato.`);
    this.name = "UploadTooLargeError";
  }
}

export class UploadQuotaError extends UploadError {
  constructor(quotaBytes: number, pendingBytes: number, fileBytes: number) {
    super(
      413,
      `Spazio per i file in attesa esaurito: questo file (${sizeInWords(fileBytes)}) e quelli già caricati e non ancora confermati ` +
        `(${sizeInWords(pendingBytes)}) superano il limite per utente di ${sizeInWords(quotaBytes)} (OSSERVATORIO_UPLOAD_QUOTA_MB). ` +
        "Nulla è stato importato: confermare o abbandonare le anteprime aperte, oppure riprovare tra qualche ora, quando scadono.",
    );
    this.name = "UploadQuotaError";
  }
}

/** Who may use an upload again: the principal that sent it, for the zone it was sent for. */
export interface UploadOwner {
  /** Stable id of the principal, e.g. "user:abc" or "local:local". */
  principal: string;
  zoneCode: string | null;
}

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Long enough to read a preview and confirm it; short enough not to hoard disk. */
export const MAX_AGE_MS = 6 * 60 * 60 * 1000;

const UploadMeta = z.object({
  principal: z.string(),
  zoneCode: z.string().nullable(),
  size: z.number().int().nonnegative(),
  createdAt: z.number(),
});
type UploadMeta = z.infer<typeof UploadMeta>;

export function uploadsDir(dataDir: string): string {
  return path.resolve(dataDir, "uploads");
}

export interface StoredUpload {
  uploadId: string;
  filePath: string;
  size: number;
}

export interface StoreOptions {
  owner: UploadOwner;
  /** OSSERVATORIO_MAX_UPLOAD_MB in bytes. */
  limitBytes: number;
  /** OSSERVATORIO_UPLOAD_QUOTA_MB in bytes: pending uploads of one principal, this one included. */
  quotaBytes: number;
  /** The request's Content-Length: the stored file must have exactly this size. */
  expectedBytes: number;
  now?: number;
}

const metaPath = (dir: string, uploadId: string) => path.join(dir, `${uploadId}.json`);

function readMeta(dir: string, uploadId: string): UploadMeta | null {
  try {
    return UploadMeta.parse(JSON.parse(fs.readFileSync(metaPath(dir, uploadId), "utf8")));
  } catch {
    return null;
  }
}

function removeById(dir: string, uploadId: string): void {
  fs.rmSync(path.join(dir, uploadId), { force: true });
  fs.rmSync(metaPath(dir, uploadId), { force: true });
}

/** Ids of the uploads in the folder (files named by an upload id, with or without their metadata). */
function listIds(dir: string): string[] {
  const ids = new Set<string>();
  for (const name of fs.readdirSync(dir)) {
    const id = name.replace(/\.json$/, "");
    if (UPLOAD_ID.test(id)) ids.add(id);
  }
  return [...ids];
}

/** Removes expired uploads and files left without metadata by an interrupted upload. */
export function removeExpiredUploads(dataDir: string, now = Date.now()): void {
  const dir = uploadsDir(dataDir);
  if (!fs.existsSync(dir)) return;
  for (const id of listIds(dir)) {
    const meta = readMeta(dir, id);
    let created = meta?.createdAt;
    if (created === undefined) {
      try {
        created = fs.statSync(path.join(dir, id)).mtimeMs;
      } catch {
        created = 0; // metadata without its file
      }
    }
    if (now - created > MAX_AGE_MS) removeById(dir, id);
  }
}

/** Bytes of the pending uploads of a principal. */
function pendingBytes(dir: string, principal: string): number {
  let total = 0;
  for (const id of listIds(dir)) {
    const meta = readMeta(dir, id);
    if (meta?.principal === principal) total += meta.size;
  }
  return total;
}

/**
 * Streams a request body to disk. Refused, with nothing left behind: a body
 * over the size limit, over the owner's quota, or whose size differs from the
 * declared Content-Length (a body cut on the way must never be imported as
 * if it were the whole file). The owner's previous upload for the same zone
 * is replaced.
 */
export async function storeUpload(dataDir: string, body: ReadableStream<Uint8Array>, options: StoreOptions): Promise<StoredUpload> {
  const { owner, limitBytes, quotaBytes, expectedBytes } = options;
  const now = options.now ?? Date.now();
  if (expectedBytes > limitBytes) throw new UploadTooLargeError(limitBytes);
  const dir = uploadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  removeExpiredUploads(dataDir, now);
  for (const id of listIds(dir)) {
    const meta = readMeta(dir, id);
    if (meta && meta.principal === owner.principal && meta.zoneCode === owner.zoneCode) removeById(dir, id);
  }
  const pending = pendingBytes(dir, owner.principal);
  if (pending + expectedBytes > quotaBytes) throw new UploadQuotaError(quotaBytes, pending, expectedBytes);

  const uploadId = randomUUID();
  const filePath = path.join(dir, uploadId);
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limitBytes) callback(new UploadTooLargeError(limitBytes));
      else if (size > expectedBytes) callback(incomplete(expectedBytes, size));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), limiter, fs.createWriteStream(filePath));
    if (size !== expectedBytes) throw incomplete(expectedBytes, size);
    const meta: UploadMeta = { principal: owner.principal, zoneCode: owner.zoneCode, size, createdAt: now };
    fs.writeFileSync(metaPath(dir, uploadId), JSON.stringify(meta));
  } catch (error) {
    removeById(dir, uploadId);
    throw error;
  }
  return { uploadId, filePath, size };
}

function incomplete(expected: number, received: number): UploadError {
  return new UploadError(
    400,
    `File ricevuto incompleto o diverso da quello annunciato: attesi ${expected.toLocaleString("it-IT")} byte (Content-Length), ` +
      `ricevuti ${received > expected ? "più di " : ""}${Math.min(received, expected + 1).toLocaleString("it-IT")}. Nulla è stato importato: caricare di nuovo il file.`,
  );
}

/**
 * The stored file of an upload id, or null when unknown, expired or not the
 * caller's (the same answer, so an id reveals nothing to others). An expired
 * upload is removed when it is asked for, whoever asks: it can never be used again.
 */
export function findUpload(dataDir: string, uploadId: string, owner: UploadOwner, now = Date.now()): string | null {
  if (!UPLOAD_ID.test(uploadId)) return null;
  const dir = uploadsDir(dataDir);
  const meta = readMeta(dir, uploadId);
  if (meta && now - meta.createdAt > MAX_AGE_MS) {
    removeById(dir, uploadId);
    return null;
  }
  if (!meta || meta.principal !== owner.principal || meta.zoneCode !== owner.zoneCode) return null;
  const filePath = path.join(dir, uploadId);
  return fs.existsSync(filePath) ? filePath : null;
}

export function removeUpload(dataDir: string, uploadId: string): void {
  if (UPLOAD_ID.test(uploadId)) removeById(uploadsDir(dataDir), uploadId);
}
