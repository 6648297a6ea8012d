import { closest, nameKey } from "./text";

/**
 * Resolves a comune cell: ISTAT code first (leading zeros restored:
 * 54039 → 054039), then cadastral code (F844), then the name within the zone,
 * then within the province. An unknown name lists the closest candidates, an
 * ambiguous one lists all of them: never a guess.
 */
export interface ComuneCandidate {
  istat: string;
  name: string;
  province: string;
  cadastral: string | null;
  zoneCode: string | null;
}

export type ComuneResolution = { ok: true; comune: ComuneCandidate } | { ok: false; message: string };

export function normaliseIstatCode(raw: string): string | null {
  const s = raw.trim().replace(/\.0+$/, "");
  return /^\d{4,6}$/.test(s) ? s.padStart(6, "0") : null;
}

export interface ComuneResolver {
  resolve(raw: string): ComuneResolution;
}

export function createComuneResolver(
  candidates: readonly ComuneCandidate[],
  scope: { zoneCode: string | null; provinces: readonly string[] },
): ComuneResolver {
  const byIstat = new Map(candidates.map((c) => [c.istat, c]));
  const byCadastral = new Map(candidates.filter((c) => c.cadastral).map((c) => [c.cadastral as string, c]));
  const inZone = candidates.filter((c) => scope.zoneCode !== null && c.zoneCode === scope.zoneCode);
  const inProvinces = candidates.filter((c) => scope.provinces.includes(c.province));
  const index = (list: readonly ComuneCandidate[]) => {
    const map = new Map<string, ComuneCandidate[]>();
    for (const c of list) {
      const k = nameKey(c.name);
      map.set(k, [...(map.get(k) ?? []), c]);
    }
    return map;
  };
  const zoneIndex = index(inZone);
  const provinceIndex = index(inProvinces);
  const nationalIndex = index(candidates);
  const cache = new Map<string, ComuneResolution>();
  const describe = (c: ComuneCandidate) => `${c.name} (${c.province}, ${c.istat})`;

  const resolve = (raw: string): ComuneResolution => {
    const text = raw.trim();
    if (text === "") return { ok: false, message: "comune mancante" };
    const code = normaliseIstatCode(text);
    if (code) {
      const c = byIstat.get(code);
      return c ? { ok: true, comune: c } : { ok: false, message: `codice ISTAT ${code} sconosciuto` };
    }
    if (/^[A-Za-z]\d{3}$/.test(text)) {
      const c = byCadastral.get(text.toUpperCase());
      return c ? { ok: true, comune: c } : { ok: false, message: `codice catastale ${text.toUpperCase()} sconosciuto` };
    }
    const key = nameKey(text);
    for (const idx of [zoneIndex, provinceIndex]) {
      const found = idx.get(key);
      if (found && found.length === 1) return { ok: true, comune: found[0] as ComuneCandidate };
      if (found && found.length > 1) {
        return { ok: false, message: `nome ambiguo: può essere ${found.map(describe).join(" oppure ")}; usare il codice ISTAT` };
      }
    }
    const elsewhere = nationalIndex.get(key);
    if (elsewhere?.length === 1) {
      const c = elsewhere[0] as ComuneCandidate;
      return { ok: false, message: `${describe(c)} non appartiene alla zona${scope.zoneCode ? ` ${scope.zoneCode}` : ""}` };
    }
    const pool = inZone.length > 0 ? [...inZone, ...inProvinces.filter((c) => c.zoneCode !== scope.zoneCode)] : inProvinces;
    const suggestions = closest(text, pool.map((c) => c.name), nameKey, 3);
    const where = scope.zoneCode ? "nella zona né nella sua provincia" : "nelle province indicate";
    return {
      ok: false,
      message: `comune non trovato ${where}${suggestions.length ? `; forse intendevi: ${suggestions.join(", ")}` : ""}`,
    };
  };

  return {
    resolve(raw) {
      let result = cache.get(raw);
      if (!result) {
        result = resolve(raw);
        cache.set(raw, result);
      }
      return result;
    },
  };
}
