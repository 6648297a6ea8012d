import { describe, expect, it } from "vitest";
import { formatReportText } from "@/imports/report-text";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite } from "@/tests/helpers/import-suite";

// What the CLI prints for a preview with a bad value, a duplicate row and an unusual value.
describe.each(testEngines())("terminal report on $name", (engine) => {
  const suite = importSuite(engine);

  it("names each error's place once, and a column only when there is one", async () => {
    const file = fixture(
      lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;-3", "POP_TOT;Amelia;2024;11800", "POP_TOT;Amelia;2024;11800"),
      "utf8",
    );
    const text = formatReportText(await suite.run(file, { dryRun: true }));
    const errors = text.split("\n").filter((l) => /^\s+riga \d|^\s+Riga \d/i.test(l));
    expect(errors).toHaveLength(2);
    for (const line of errors) expect(line.match(/riga \d+/gi)?.[0]).toBeDefined();
    expect(errors[0]).toMatch(/^ {2}Riga 2, colonna "valore"/);
    expect(errors[0]?.match(/Riga 2/gi)).toHaveLength(1);
    expect(errors[1]).toMatch(/^ {2}Riga 4: stesso valore \(stessa chiave\) della riga 3/);
    expect(text).not.toContain('colonna ""');
  });

  it("says «1 avviso» in the singular", async () => {
    const first = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2023;19000"), "utf8");
    await suite.run(first);
    const jump = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;190000"), "utf8");
    const text = formatReportText(await suite.run(jump, { dryRun: true }));
    expect(text).toContain("1 avviso: per importare confermarlo con --accept-warnings.");
    expect(text).not.toContain("1 avvisi");
  });
});
