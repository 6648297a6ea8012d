import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { bootstrapSubset, SUBSET_FILE } from "@/app/styles/bootstrap-subset";

describe("the Bootstrap Italia subset (app/styles/bootstrap-italia.css)", () => {
  const committed = fs.readFileSync(SUBSET_FILE, "utf8");

  it("is what the app's classes select (run npm run css:bootstrap after using a new Bootstrap Italia class)", () => {
    expect(committed).toBe(bootstrapSubset());
  });

  it("has no font the CSP refuses and keeps what the pages use", () => {
    expect(committed).not.toMatch(/@font-face/);
    expect(committed).not.toMatch(/url\(\s*["']?data:(application\/font|font\/)/);
    for (const selector of [".table-responsive", ".btn-primary", ".it-header-center-wrapper", ".nav-tabs", ".alert-warning", ".visually-hidden"]) {
      expect(committed).toContain(selector);
    }
    expect(committed).not.toContain(".vjs-"); // the video player's styles: no video in the app
  });
});
