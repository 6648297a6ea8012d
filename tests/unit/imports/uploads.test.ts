import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUpload, removeUpload, storeUpload, UploadTooLargeError } from "@/imports/uploads";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-uploads-"));

function body(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x61);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe("uploads", () => {
  it("stores a body on disk and finds it by id", async () => {
    const stored = await storeUpload(dataDir, body(1000), 10_000);
    expect(stored.size).toBe(1000);
    expect(findUpload(dataDir, stored.uploadId)).toBe(stored.filePath);
    removeUpload(dataDir, stored.uploadId);
    expect(findUpload(dataDir, stored.uploadId)).toBeNull();
  });

  it("stops at the size limit with an Italian message and leaves no file behind", async () => {
    const before = fs.readdirSync(path.join(dataDir, "uploads")).length;
    await expect(storeUpload(dataDir, body(3 * 1024 * 1024), 1024 * 1024)).rejects.toThrow(UploadTooLargeError);
    await expect(storeUpload(dataDir, body(3 * 1024 * 1024), 1024 * 1024)).rejects.toThrow("supera il limite di 1 MB");
    expect(fs.readdirSync(path.join(dataDir, "uploads")).length).toBe(before);
  });

  it("refuses ids that are not upload ids (no path traversal)", () => {
    expect(findUpload(dataDir, "../../etc/passwd")).toBeNull();
  });
});
