import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { lepsChecklist, lepsItemHistory, setLepsItem } from "@/db/queries/leps";
import { resetData, testEngines } from "@/tests/helpers/db";

const ZONE = "UMB-11";

describe.each(testEngines())("qualitative LEPS ($name)", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  it("every change keeps the previous state and is audited with it", async () => {
    expect((await lepsChecklist(handle.db, ZONE)).every((i) => i.state === null)).toBe(true);
    await setLepsItem(handle.db, ZONE, { item: "dopo_di_noi", state: "in_avvio", evidence: "Avviso pubblicato", evidenceUrl: null, assessedOn: "2025-03-01" }, "pianificatore");
    await setLepsItem(handle.db, ZONE, { item: "dopo_di_noi", state: "attivo", evidence: "Progetti finanziati", evidenceUrl: "https://example.org/d", assessedOn: "2025-09-01" }, "pianificatore");
    const item = (await lepsChecklist(handle.db, ZONE)).find((i) => i.code === "dopo_di_noi")!;
    expect(item).toMatchObject({ state: "attivo", evidence: "Progetti finanziati", evidenceUrl: "https://example.org/d", assessedOn: "2025-09-01", setBy: "pianificatore" });
    expect((await lepsItemHistory(handle.db, ZONE, "dopo_di_noi")).map((h) => [h.state, h.current])).toEqual([["attivo", true], ["in_avvio", false]]);
    const audit = await handle.db.selectFrom("audit_event").select(["action", "actor", "zone_code", "details"]).where("action", "=", "leps.set").orderBy("id").execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor: "pianificatore", zone_code: ZONE, details: { item: "dopo_di_noi", state: "attivo", previous: { state: "in_avvio", assessedOn: "2025-03-01" } } });
  });
});
