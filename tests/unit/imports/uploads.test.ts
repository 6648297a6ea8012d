import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config as proxyConfig } from "@/proxy";
import { requestBody } from "@/tests/helpers/request-body";
import { findUpload, MAX_AGE_MS, removeExpiredUploads, removeUpload, storeUpload, UploadError, UploadQuotaError, UploadTooLargeError } from "@/imports/uploads";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-uploads-"));
const owner = { principal: "user:a", zoneCode: "UMB-11" };
const big = { limitBytes: 100 * 1024 * 1024, quotaBytes: 100 * 1024 * 1024 };

/** A body of `bytes` letters "a". */
const body = (bytes: number) => requestBody(new Uint8Array(bytes).fill(0x61));

const files = () => fs.readdirSync(path.join(dataDir, "uploads")).length;

describe("uploads", () => {
  it("stores a body on disk and finds it by id, for its owner only", async () => {
    const stored = await storeUpload(dataDir, body(1000), { ...big, owner, expectedBytes: 1000 });
    expect(stored.size).toBe(1000);
    expect(findUpload(dataDir, stored.uploadId, owner)).toBe(stored.filePath);
    // Another user, or the same user in another zone, cannot use the id.
    expect(findUpload(dataDir, stored.uploadId, { principal: "user:b", zoneCode: "UMB-11" })).toBeNull();
    expect(findUpload(dataDir, stored.uploadId, { principal: "user:a", zoneCode: "UMB-10" })).toBeNull();
    removeUpload(dataDir, stored.uploadId);
    expect(findUpload(dataDir, stored.uploadId, owner)).toBeNull();
  });

  it("stops at the size limit with an Italian message and leaves no file behind", async () => {
    const before = files();
    const limits = { owner, limitBytes: 1024 * 1024, quotaBytes: 10 * 1024 * 1024 };
    await expect(storeUpload(dataDir, body(3 * 1024 * 1024), { ...limits, expectedBytes: 3 * 1024 * 1024 })).rejects.toThrow(UploadTooLargeError);
    // A Content-Length that lies about the size: refused while streaming.
    await expect(storeUpload(dataDir, body(3 * 1024 * 1024), { ...limits, expectedBytes: 1000 })).rejects.toThrow("incompleto");
    await expect(storeUpload(dataDir, body(3 * 1024 * 1024), { ...limits, expectedBytes: 3 * 1024 * 1024 })).rejects.toThrow("supera il limite di 1 MB");
    expect(files()).toBe(before);
  });

  it("refuses a body shorter than its Content-Length (a file cut on the way) and keeps nothing", async () => {
    const before = files();
    const error = await storeUpload(dataDir, body(10_000), { ...big, owner, expectedBytes: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).message).toMatch(/attesi 20\.000 byte.*ricevuti 10\.000.*Nulla è stato importato/);
    expect(files()).toBe(before);
  });

  it("refuses ids that are not upload ids (no path traversal)", () => {
    expect(findUpload(dataDir, "../../etc/passwd", owner)).toBeNull();
  });

  it("keeps one pending upload per user and zone, within the user's quota", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-quota-"));
    const quota = { limitBytes: 10_000, quotaBytes: 5_000 };
    const first = await storeUpload(dir, body(3000), { ...quota, owner, expectedBytes: 3000 });
    // The same user again in the same zone: the new file replaces the previous one.
    const second = await storeUpload(dir, body(3000), { ...quota, owner, expectedBytes: 3000 });
    expect(findUpload(dir, first.uploadId, owner)).toBeNull();
    expect(findUpload(dir, second.uploadId, owner)).not.toBeNull();
    // Another zone of the same user: 3000 + 3000 > 5000.
    const other = { principal: "user:a", zoneCode: "UMB-10" };
    await expect(storeUpload(dir, body(3000), { ...quota, owner: other, expectedBytes: 3000 })).rejects.toThrow(UploadQuotaError);
    await expect(storeUpload(dir, body(3000), { ...quota, owner: other, expectedBytes: 3000 })).rejects.toThrow(/Spazio per i file in attesa esaurito/);
    // Another user has a quota of their own.
    await expect(storeUpload(dir, body(3000), { ...quota, owner: { principal: "user:b", zoneCode: "UMB-10" }, expectedBytes: 3000 })).resolves.toMatchObject({ size: 3000 });
  });

  it("removes expired uploads and leftovers of interrupted ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-expiry-"));
    const stored = await storeUpload(dir, body(100), { ...big, owner, expectedBytes: 100, now: Date.now() - MAX_AGE_MS - 1000 });
    const orphan = path.join(dir, "uploads", "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f");
    fs.writeFileSync(orphan, "partial");
    fs.utimesSync(orphan, new Date(Date.now() - MAX_AGE_MS - 1000), new Date(Date.now() - MAX_AGE_MS - 1000));
    expect(findUpload(dir, stored.uploadId, owner)).toBeNull();
    removeExpiredUploads(dir);
    expect(fs.readdirSync(path.join(dir, "uploads"))).toEqual([]);
  });
});

describe("the proxy and the upload route", () => {
  // Next buffers the body of a request the proxy handles and passes on only 10 MB of it.
  it("does not run on the upload route, and runs everywhere else", () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });
    expect(matches("/api/v1/imports")).toBe(false);
    expect(matches("/api/v1/imports?mode=preview&zona=UMB-11")).toBe(false);
    expect(matches("/api/v1/imports/12/revert")).toBe(true);
    expect(matches("/api/v1/imports/templates/valori")).toBe(true);
    expect(matches("/api/v1/importsx")).toBe(true);
    expect(matches("/zone/UMB-11/importa")).toBe(true);
    expect(matches("/")).toBe(true);
  });
});
