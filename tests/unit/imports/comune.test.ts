import { describe, expect, it } from "vitest";
import { createComuneResolver, isCadastralCode, normaliseComuneName, normaliseIstatCode, type ComuneCandidate } from "@/imports/parse/comune";

const c = (istat: string, name: string, province: string, cadastral: string, zoneCode: string | null): ComuneCandidate => ({ istat, name, province, cadastral, zoneCode });

const UMBRIA: ComuneCandidate[] = [
  c("054013", "Città di Castello", "PG", "C745", "1"),
  c("054039", "Perugia", "PG", "G478", "2"),
  c("054032", "Monteleone di Spoleto", "PG", "F540", "9"),
  c("055018", "Monteleone d'Orvieto", "TR", "F543", "12"),
  c("054024", "Gualdo Tadino", "PG", "E230", "7"),
  c("054023", "Gualdo Cattaneo", "PG", "E229", "8"),
  c("054044", "Sant'Anatolia di Narco", "PG", "I263", "9"),
  c("055022", "Narni", "TR", "F844", "11"),
  c("055001", "Acquasparta", "TR", "A045", "10"),
  c("055004", "Amelia", "TR", "A262", "11"),
  c("055025", "Otricoli", "TR", "G189", "11"),
  // A made-up twin to test ambiguity inside one province.
  c("055099", "San Gemini", "TR", "H857", "10"),
  c("055098", "San-Gemini", "TR", "H858", "11"),
  c("021001", "Calliano", "TN", "B400", null),
  c("005015", "Calliano", "AT", "B418", null),
];

describe("normalisation", () => {
  it("folds the ways a name is typed", () => {
    const key = normaliseComuneName("Città di Castello");
    for (const raw of ["Citta' di Castello", "CITTÀ DI  CASTELLO", " citta di castello ", "Comune di Città di Castello", "Citta` di Castello"]) {
      expect(normaliseComuneName(raw)).toBe(key);
    }
    expect(normaliseComuneName("Sant’Anatolia di Narco")).toBe(normaliseComuneName("Sant'Anatolia di Narco"));
    expect(normaliseComuneName("Monteleone d'Orvieto")).not.toBe(normaliseComuneName("Monteleone di Spoleto"));
  });

  it("restores leading zeros and refuses decimals", () => {
    expect(normaliseIstatCode("54039")).toBe("054039");
    expect(normaliseIstatCode("054039")).toBe("054039");
    expect(normaliseIstatCode("1001")).toBe("001001");
    expect(normaliseIstatCode("54039.0")).toBeNull();
    expect(normaliseIstatCode("5403912")).toBeNull();
  });

  it("recognises cadastral codes", () => {
    expect(isCadastralCode("F844")).toBe(true);
    expect(isCadastralCode("f844")).toBe(true);
    expect(isCadastralCode("F84")).toBe(false);
  });
});

describe("createComuneResolver", () => {
  const zone11 = createComuneResolver(UMBRIA, { zoneCode: "11" });

  it("resolves by ISTAT code (also without leading zero) and by cadastral code", () => {
    expect(zone11.resolve("55022")).toMatchObject({ ok: true, comune: { name: "Narni" }, matchedBy: "istat", inZone: true });
    expect(zone11.resolve("f844")).toMatchObject({ ok: true, comune: { name: "Narni" }, matchedBy: "catastale" });
    expect(zone11.resolve("54039")).toMatchObject({ ok: true, comune: { name: "Perugia" }, inZone: false });
  });

  it("refuses codes that went through a number format", () => {
    expect(zone11.resolve("55022.0")).toMatchObject({ ok: false, message: expect.stringContaining("senza decimali") });
  });

  it("resolves names within the zone, then the province", () => {
    expect(zone11.resolve("AMELIA")).toMatchObject({ ok: true, comune: { istat: "055004" }, inZone: true });
    expect(zone11.resolve("Acquasparta")).toMatchObject({ ok: true, comune: { istat: "055001" }, inZone: false });
  });

  it("resolves a name that is ambiguous in the province because the zone has only one", () => {
    expect(zone11.resolve("San Gemini")).toMatchObject({ ok: true, comune: { istat: "055098" } });
  });

  it("lists the candidates of an ambiguous name instead of guessing", () => {
    const r = createComuneResolver(UMBRIA, { province: "TR" }).resolve("san gemini");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/ambiguo.*San Gemini \(TR, 055099\) o San-Gemini \(TR, 055098\)/);
      expect(r.candidates).toHaveLength(2);
    }
    const national = createComuneResolver(UMBRIA).resolve("Calliano");
    expect(national).toMatchObject({ ok: false, candidates: [{ province: "TN" }, { province: "AT" }] });
  });

  it("suggests near twins for an unknown name, never picking one", () => {
    const r = createComuneResolver(UMBRIA, { province: "PG" }).resolve("Gualdo");
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/forse intendevi Gualdo Cattaneo o Gualdo Tadino\?/) });
    const typo = createComuneResolver(UMBRIA, { province: "PG" }).resolve("Monteleone di Spoletto");
    expect(typo).toMatchObject({ ok: false, message: expect.stringContaining("Monteleone di Spoleto") });
  });

  it("says when a name belongs outside the zone and its province", () => {
    expect(zone11.resolve("Monteleone di Spoleto")).toMatchObject({ ok: false, message: expect.stringContaining("fuori dalla zona") });
  });

  it("matches typographic and straight apostrophes", () => {
    const r = createComuneResolver(UMBRIA, { zoneCode: "9" });
    expect(r.resolve("Sant’Anatolia di Narco")).toMatchObject({ ok: true, comune: { istat: "054044" } });
    expect(createComuneResolver(UMBRIA, { province: "TR" }).resolve("Monteleone d’Orvieto")).toMatchObject({ ok: true });
  });

  it("reports an empty cell", () => {
    expect(zone11.resolve(" ")).toMatchObject({ ok: false, message: "comune mancante" });
  });
});
