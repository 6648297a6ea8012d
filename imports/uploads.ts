import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/**
 * Uploaded files wait on disk between the preview and the confirmation, so a
 * large file is sent once and never held in memory. They live in
 * <data dir>/uploads and are removed after a day or after the commit.
 */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Il file supera il limite di ${Math.round(limitBytes / (1024 * 1024))} MB (OSSERVATORIO_MAX_UPLOAD_MB).`);
    this.name = "UploadTooLargeError";
  }
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function uploadsDir(dataDir: string): string {
  return path.resolve(dataDir, "uploads");
}

export interface StoredUpload {
  uploadId: string;
  filePath: string;
  size: number;
}

/** Streams a request body to disk, stopping at the size limit. */
export async function storeUpload(dataDir: string, body: ReadableStream<Uint8Array>, limitBytes: number): Promise<StoredUpload> {
  const dir = uploadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  removeExpiredUploads(dir);
  const uploadId = randomUUID();
  const filePath = path.join(dir, uploadId);
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limitBytes) callback(new UploadTooLargeError(limitBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), limiter, fs.createWriteStream(filePath));
  } catch (error) {
    fs.rmSync(filePath, { force: true });
    throw error;
  }
  return { uploadId, filePath, size };
}

/** The stored file of an upload id, or null when unknown or expired. */
export function findUpload(dataDir: string, uploadId: string): string | null {
  if (!UPLOAD_ID.test(uploadId)) return null;
  const filePath = path.join(uploadsDir(dataDir), uploadId);
  return fs.existsSync(filePath) ? filePath : null;
}

export function removeUpload(dataDir: string, uploadId: string): void {
  const filePath = findUpload(dataDir, uploadId);
  if (filePath) fs.rmSync(filePath, { force: true });
}

function removeExpiredUploads(dir: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > MAX_AGE_MS) fs.rmSync(file, { force: true });
    } catch {
      // removed concurrently
    }
  }
}
