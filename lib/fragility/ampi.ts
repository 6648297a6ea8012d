/**
 * ISTAT's Adjusted Mazziotta–Pareto Index (AMPI), as in DOMAIN.md.
 *
 * For units i (comuni) and indicators j:
 *   r_ij = 100 ± 60 · (x_ij − Ref_j) / (Max_j − Min_j)
 * with "+" when the indicator moves with the phenomenon and "−" otherwise;
 * Ref_j is given by the caller (the zone's aggregated value in the base year),
 * Min_j/Max_j span all units and all years from the base year to the year shown.
 * M_i = mean(r_i·), S_i = population standard deviation, cv_i = S_i / M_i,
 * AMPI+_i = M_i + S_i · cv_i (negative phenomenon: unbalanced components weigh more),
 * AMPI−_i = M_i − S_i · cv_i (positive phenomenon).
 */

export interface AmpiIndicator {
  code: string;
  /** Direction relative to the phenomenon: +1 when higher values mean more of it (more fragility). */
  polarity: 1 | -1;
  /** Ref_j: the zone's aggregated value of the indicator in the base year. */
  reference: number;
}

export interface AmpiValue {
  unit: string;
  indicator: string;
  year: number;
  value: number | null;
}

export interface AmpiInput {
  year: number;
  /** First year of the goalpost range; defaults to `year`. Must not be after `year`. */
  baseYear?: number;
  indicators: readonly AmpiIndicator[];
  units: readonly { id: string; name?: string }[];
  values: readonly AmpiValue[];
  /** "negative" (fragility, default) gives AMPI+; "positive" (well-being) gives AMPI−. */
  phenomenon?: "negative" | "positive";
}

export interface AmpiComponent {
  indicator: string;
  value: number | null;
  normalized: number | null;
}

export interface AmpiUnitResult {
  unit: string;
  name?: string;
  /** null when the unit is excluded from the ranking. */
  index: number | null;
  mean: number | null;
  std: number | null;
  cv: number | null;
  /** S·cv: how much unbalanced components move the index away from the mean. */
  penalty: number | null;
  /** 1 = highest index (most fragile for AMPI+); ties share the best rank. */
  rank: number | null;
  /** 10 = highest index; see decileOfRank. */
  decile: number | null;
  components: AmpiComponent[];
  /** The previous year's index with the same goalposts, when all its components exist. */
  previousIndex: number | null;
  previousRank: number | null;
  change: number | null;
  excluded: boolean;
  /** Why the unit is excluded, in Italian. */
  exclusionReason: string | null;
}

export interface AmpiIndicatorSummary {
  code: string;
  polarity: 1 | -1;
  reference: number;
  min: number | null;
  max: number | null;
}

export interface AmpiResult {
  method: "AMPI+" | "AMPI-";
  year: number;
  baseYear: number;
  indicators: AmpiIndicatorSummary[];
  /** Ranked units by rank, then excluded units in input order. */
  units: AmpiUnitResult[];
}

/**
 * Decile of a rank among N ranked units: ceil(10 · (N − rank + 1) / N).
 * Rank 1 is always decile 10. With fewer than 10 units some deciles stay
 * empty and the last unit gets ceil(10 / N) (e.g. N = 4: 10, 8, 5, 3).
 */
export function decileOfRank(rank: number, n: number): number {
  if (!Number.isInteger(rank) || rank < 1 || rank > n) throw new RangeError(`Posizione ${rank} fuori da 1…${n}`);
  return Math.ceil((10 * (n - rank + 1)) / n);
}

/** Normalises one value with the goalposts. Max = Min gives 100: the indicator does not discriminate. */
export function normalizeAmpi(x: number, ind: AmpiIndicator, min: number, max: number): number {
  if (max === min) return 100;
  return 100 + ind.polarity * 60 * ((x - ind.reference) / (max - min));
}

/** M, S (population), cv and the adjusted index of one unit's normalised components. */
export function ampiOfComponents(r: readonly number[], phenomenon: "negative" | "positive" = "negative") {
  if (r.length === 0) throw new RangeError("Nessuna componente");
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const std = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length);
  const cv = std / mean;
  const penalty = std * cv;
  return { mean, std, cv, penalty, index: phenomenon === "negative" ? mean + penalty : mean - penalty };
}

const EPS = 1e-9;

/** Competition ranking by descending index: equal indexes share the best rank. */
function rankDescending(items: { key: string; index: number }[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => b.index - a.index || a.key.localeCompare(b.key));
  const ranks = new Map<string, number>();
  sorted.forEach((it, pos) => {
    const prev = sorted[pos - 1];
    ranks.set(it.key, prev && Math.abs(prev.index - it.index) < EPS ? ranks.get(prev.key)! : pos + 1);
  });
  return ranks;
}

export function computeAmpi(input: AmpiInput): AmpiResult {
  const year = input.year;
  const baseYear = input.baseYear ?? year;
  const phenomenon = input.phenomenon ?? "negative";
  if (baseYear > year) throw new RangeError(`L'anno base (${baseYear}) non può seguire l'anno mostrato (${year})`);
  if (input.indicators.length === 0) throw new RangeError("Serve almeno un indicatore");
  const codes = new Set<string>();
  for (const ind of input.indicators) {
    if (codes.has(ind.code)) throw new RangeError(`Indicatore ripetuto: ${ind.code}`);
    codes.add(ind.code);
    // The polarity comes from the catalogue in the database, which the type cannot vouch for.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (ind.polarity !== 1 && ind.polarity !== -1) throw new RangeError(`${ind.code}: la polarità deve essere +1 o −1`);
    if (!Number.isFinite(ind.reference)) throw new RangeError(`${ind.code}: manca il valore di riferimento`);
  }

  const unitIds = new Set(input.units.map((u) => u.id));
  const lookup = new Map<string, number | null>();
  const key = (unit: string, indicator: string, y: number) => `${unit}|${indicator}|${y}`;
  for (const v of input.values) {
    if (!unitIds.has(v.unit) || !codes.has(v.indicator)) continue;
    lookup.set(key(v.unit, v.indicator, v.year), typeof v.value === "number" && Number.isFinite(v.value) ? v.value : null);
  }

  // Goalposts over all units and all years base..shown.
  const summaries: AmpiIndicatorSummary[] = input.indicators.map((ind) => {
    let min: number | null = null;
    let max: number | null = null;
    for (const u of input.units)
      for (let y = baseYear; y <= year; y++) {
        const x = lookup.get(key(u.id, ind.code, y));
        if (x === null || x === undefined) continue;
        min = min === null ? x : Math.min(min, x);
        max = max === null ? x : Math.max(max, x);
      }
    return { code: ind.code, polarity: ind.polarity, reference: ind.reference, min, max };
  });

  const scoreYear = (unit: string, y: number) => {
    const components: AmpiComponent[] = input.indicators.map((ind, j) => {
      const x = lookup.get(key(unit, ind.code, y)) ?? null;
      const s = summaries[j]!;
      const normalized = x === null || s.min === null || s.max === null ? null : normalizeAmpi(x, ind, s.min, s.max);
      return { indicator: ind.code, value: x, normalized };
    });
    const missing = components.filter((c) => c.normalized === null).map((c) => c.indicator);
    if (missing.length > 0) return { components, missing, stats: null };
    const stats = ampiOfComponents(components.map((c) => c.normalized!), phenomenon);
    return { components, missing, stats: stats.mean > 0 ? stats : null };
  };

  const current = input.units.map((u) => ({ u, ...scoreYear(u.id, year) }));
  const previous = new Map(input.units.map((u) => [u.id, scoreYear(u.id, year - 1).stats]));

  const ranked = current.filter((c) => c.stats).map((c) => ({ key: c.u.id, index: c.stats!.index }));
  const ranks = rankDescending(ranked);
  const prevItems = current
    .filter((c) => c.stats && previous.get(c.u.id))
    .map((c) => ({ key: c.u.id, index: previous.get(c.u.id)!.index }));
  const prevRanks = rankDescending(prevItems);

  const results: AmpiUnitResult[] = current.map((c) => {
    const rank = ranks.get(c.u.id) ?? null;
    const prev = c.stats ? (previous.get(c.u.id) ?? null) : null;
    const reason = c.stats
      ? null
      : c.missing.length > 0
        ? `Escluso dalla graduatoria: manca il valore ${c.missing.length === 1 ? "dell'indicatore" : "degli indicatori"} ${c.missing.join(", ")} per il ${year}.`
        : "Escluso dalla graduatoria: la media delle componenti normalizzate non è positiva.";
    return {
      unit: c.u.id,
      ...(c.u.name !== undefined ? { name: c.u.name } : {}),
      index: c.stats?.index ?? null,
      mean: c.stats?.mean ?? null,
      std: c.stats?.std ?? null,
      cv: c.stats?.cv ?? null,
      penalty: c.stats?.penalty ?? null,
      rank,
      decile: rank === null ? null : decileOfRank(rank, ranked.length),
      components: c.components,
      previousIndex: prev?.index ?? null,
      previousRank: prevRanks.get(c.u.id) ?? null,
      change: c.stats && prev ? c.stats.index - prev.index : null,
      excluded: !c.stats,
      exclusionReason: reason,
    };
  });

  const order = new Map(input.units.map((u, i) => [u.id, i]));
  results.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.unit.localeCompare(b.unit);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return order.get(a.unit)! - order.get(b.unit)!;
  });

  return { method: phenomenon === "negative" ? "AMPI+" : "AMPI-", year, baseYear, indicators: summaries, units: results };
}

/** Plain-Italian explanation of the method, for the page. */
export const AMPI_METHOD_IT = `L'indice di fragilità riassume in un solo numero più indicatori, con il metodo AMPI (Adjusted Mazziotta–Pareto Index) usato dall'ISTAT.

1. Ogni indicatore viene riportato su una scala comune: il valore della zona nell'anno base vale 100, e la distanza di ogni comune da quel valore è misurata rispetto all'intervallo tra il valore più basso e quello più alto osservati nei comuni della zona, dall'anno base all'anno mostrato. Un comune all'estremo dell'intervallo si trova intorno a 70 o 130.
2. Per gli indicatori in cui un valore alto indica più fragilità (per esempio la quota di anziani) un valore più alto fa salire il punteggio; per quelli in cui un valore alto indica meno fragilità (per esempio il reddito) lo fa scendere.
3. L'indice di un comune è la media dei punteggi, aumentata di una penalità quando i punteggi sono molto diversi tra loro: un comune molto fragile in un solo aspetto non viene compensato da un buon risultato in un altro.
4. Più alto è l'indice, più fragile è il comune. La posizione 1 è il comune più fragile della zona; il decile va da 10 (i comuni più fragili) a 1 (i meno fragili). Con meno di dieci comuni alcuni decili restano vuoti.

Un comune a cui manca anche un solo indicatore non viene classificato, e la pagina dice quale dato manca. Se tutti i comuni hanno lo stesso valore di un indicatore, quell'indicatore vale 100 per tutti. L'indice confronta i comuni tra loro e nel tempo rispetto agli stessi riferimenti: non è una misura assoluta del bisogno.`;
