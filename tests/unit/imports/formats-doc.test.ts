import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { formatsMarkdown } from "@/imports/csv/formats-doc";

describe("docs/formati-dati.md", () => {
  it("matches the importer's kind definitions (run npm run docs:formati after changing them)", () => {
    expect(fs.readFileSync("docs/formati-dati.md", "utf8")).toBe(formatsMarkdown());
  });
});
