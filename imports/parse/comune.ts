import { closestMatches, italianOr, nameKey } from "../text/normalise";

/**
 * Comune cells: an ISTAT code (leading zeros restored: 54039 → 054039), a
 * cadastral code (F844) or a name (case, accents typed as apostrophes,
 * typographic apostrophes, spaces and hyphens do not matter). Names resolve
 * within the zone first, then the province; unknown names list the closest
 * candidates and ambiguous ones list all of them: never a guess.
 */
export interface ComuneCandidate {
  istat: string;
  name: string;
  /** Province abbreviation (sigla): PG, TR. */
  province: string;
  cadastral: string | null;
  zoneCode: string | null;
}

export interface ComuneScope {
  zoneCode?: string;
  province?: string;
}

/** "Citta' di Castello", "CITTÀ DI  CASTELLO", "Comune di Città di Castello" → "citta di castello". */
export function normaliseComuneName(raw: string): string {
  return nameKey(raw.replace(/^\s*comune\s+di\s+/i, ""));
}

/**
 * A 6-digit ISTAT code from 4–6 digits, or null. "54039.0" is not accepted:
 * a code that went through a number format may have lost more than zeros.
 */
export function normaliseIstatCode(raw: string): string | null {
  const s = raw.trim();
  return /^\d{4,6}$/.test(s) ? s.padStart(6, "0") : null;
}

/** A cadastral (Belfiore) code: one letter and three digits (Narni F844). */
export function isCadastralCode(raw: string): boolean {
  return /^[A-Za-z]\d{3}$/.test(raw.trim());
}

export type ComuneMatch = "istat" | "catastale" | "nome";

export type ComuneResolution =
  | { ok: true; comune: ComuneCandidate; matchedBy: ComuneMatch; inZone: boolean }
  | { ok: false; message: string; candidates: ComuneCandidate[] };

export interface ComuneResolver {
  resolve(raw: string): ComuneResolution;
}

const describe = (c: ComuneCandidate) => `${c.name} (${c.province}, ${c.istat})`;

function indexByName(list: readonly ComuneCandidate[]): Map<string, ComuneCandidate[]> {
  const map = new Map<string, ComuneCandidate[]>();
  for (const c of list) {
    // Bilingual names ("Bolzano/Bozen") answer to each part as well.
    const keys = new Set([normaliseComuneName(c.name), ...c.name.split("/").map(normaliseComuneName)]);
    for (const k of keys) if (k) map.set(k, [...(map.get(k) ?? []), c]);
  }
  return map;
}

export function createComuneResolver(candidates: readonly ComuneCandidate[], scope: ComuneScope = {}): ComuneResolver {
  const byIstat = new Map(candidates.map((c) => [c.istat, c]));
  const byCadastral = new Map<string, ComuneCandidate>();
  for (const c of candidates) if (c.cadastral) byCadastral.set(c.cadastral.toUpperCase(), c);
  const inZone = (c: ComuneCandidate) => scope.zoneCode !== undefined && c.zoneCode === scope.zoneCode;
  const zone = candidates.filter(inZone);
  // The zone's own provinces count as "its province" when none is given.
  const provinces = new Set(scope.province ? [scope.province.toUpperCase()] : zone.map((c) => c.province.toUpperCase()));
  const province = candidates.filter((c) => provinces.has(c.province.toUpperCase()));
  const tiers = [zone, province].filter((t) => t.length > 0).map(indexByName);
  const scoped = scope.zoneCode !== undefined || scope.province !== undefined;
  if (!scoped) tiers.push(indexByName(candidates));
  const everywhere = scoped ? indexByName(candidates) : null;
  const cache = new Map<string, ComuneResolution>();

  const found = (comune: ComuneCandidate, matchedBy: ComuneMatch): ComuneResolution => ({ ok: true, comune, matchedBy, inZone: inZone(comune) });
  const where = scope.zoneCode ? `nella zona ${scope.zoneCode} né nella sua provincia` : scope.province ? `nella provincia ${scope.province}` : "nell'elenco dei comuni";

  const resolve = (raw: string): ComuneResolution => {
    const text = raw.trim();
    if (text === "") return { ok: false, message: "comune mancante", candidates: [] };
    if (/^\d+([.,]\d+)?$/.test(text)) {
      const code = normaliseIstatCode(text);
      if (!code) {
        return { ok: false, message: "non è un codice ISTAT valido: servono 6 cifre (es. 054039), senza decimali", candidates: [] };
      }
      const c = byIstat.get(code);
      return c ? found(c, "istat") : { ok: false, message: `codice ISTAT ${code} sconosciuto`, candidates: [] };
    }
    if (isCadastralCode(text)) {
      const c = byCadastral.get(text.toUpperCase());
      return c ? found(c, "catastale") : { ok: false, message: `codice catastale ${text.toUpperCase()} sconosciuto`, candidates: [] };
    }
    const key = normaliseComuneName(text);
    for (const tier of tiers) {
      const hits = tier.get(key);
      if (hits?.length === 1) return found(hits[0] as ComuneCandidate, "nome");
      if (hits && hits.length > 1) {
        return { ok: false, message: `è ambiguo: può essere ${italianOr(hits.map(describe))}; usa il codice ISTAT`, candidates: hits };
      }
    }
    const elsewhere = everywhere?.get(key);
    if (elsewhere && elsewhere.length > 0) {
      return { ok: false, message: `corrisponde a ${italianOr(elsewhere.map(describe))}, fuori ${scope.zoneCode ? "dalla zona e dalla sua provincia" : "dalla provincia"}`, candidates: elsewhere };
    }
    const pool = zone.length > 0 ? [...zone, ...province] : province.length > 0 ? province : candidates;
    const names = closestMatches(text, pool.map((c) => c.name), normaliseComuneName, 3);
    const suggested = pool.filter((c) => names.includes(c.name));
    return {
      ok: false,
      message: `non è un comune ${where}${names.length ? `; forse intendevi ${italianOr(names)}?` : ""}`,
      candidates: suggested,
    };
  };

  return {
    resolve(raw) {
      let r = cache.get(raw);
      if (!r) {
        r = resolve(raw);
        if (cache.size < 50_000) cache.set(raw, r);
      }
      return r;
    },
  };
}
