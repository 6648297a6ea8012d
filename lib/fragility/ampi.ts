/**
 * ISTAT's Adjusted Mazziotta–Pareto Index (AMPI), as in DOMAIN.md.
 *
 * For units i (comuni) and indicators j:
 *   r_ij = 100 ± 60 · (x_ij − Ref_j) / (Max_j − Min_j)
 * with "+" when the indicator moves with the phenomenon and "−" otherwise;
 * Ref_j is given by the caller (the zone's aggregated value in the base year),
 * Min_j/Max_j span all units and all years from the base year to the year shown.
 * The change from the previous year scores both years with goalposts that
 * include both (base year..year, or year−1..year when the base is the year).
 * Ties take the mid-rank; when every ranked unit has the same index (or only
 * one is ranked) the index does not discriminate and no decile is given.
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
  /** Units left out of the goalposts and the ranking, with the reason (Italian), e.g. a missing input in the base year. */
  excluded?: ReadonlyMap<string, string>;
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
  /** 1 = highest index (most fragile for AMPI+); ties take the mid-rank (2.5 for two units sharing places 2 and 3). */
  rank: number | null;
  /** 10 = highest index; see decileOfRank. Null when the index does not discriminate. */
  decile: number | null;
  components: AmpiComponent[];
  /** The previous year's index, with goalposts that include it and the year shown, when all its components exist. */
  previousIndex: number | null;
  previousRank: number | null;
  /** This year's index minus the previous year's, both with goalposts spanning both years. */
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
  /**
   * False when the ranked units all have the same index, or fewer than two
   * are ranked: ranks and deciles would say nothing, so deciles are null.
   */
  discriminates: boolean;
  /** Why the index does not discriminate, in Italian; null when it does. */
  nonDiscriminationReason: string | null;
}

/**
 * Decile of a rank among N ranked units: ceil(10 · (N − rank + 1) / N).
 * Rank 1 is always decile 10. With fewer than 10 units some deciles stay
 * empty and the last unit gets ceil(10 / N) (e.g. N = 4: 10, 8, 5, 3).
 */
export function decileOfRank(rank: number, n: number): number {
  // A mid-rank (2.5) is a valid position; the formula holds for it.
  if (!Number.isFinite(rank) || rank < 1 || rank > n || !Number.isInteger(rank * 2)) throw new RangeError(`Posizione ${rank} fuori da 1…${n}`);
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

/** Ranking by descending index: tied units take the mean of the positions they share (mid-rank). */
export function rankDescending(items: { key: string; index: number }[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => b.index - a.index || a.key.localeCompare(b.key));
  const ranks = new Map<string, number>();
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && Math.abs(sorted[end + 1]!.index - sorted[start]!.index) < EPS) end++;
    const mid = (start + 1 + (end + 1)) / 2;
    for (let k = start; k <= end; k++) ranks.set(sorted[k]!.key, mid);
    start = end + 1;
  }
  return ranks;
}

/**
 * Ranks and deciles of the units with an index (the others get none), and the units in ranking
 * order, the unranked last in `order`. Used by computeAmpi and again when a reader's view withholds
 * some indices: the ranking is then among the comuni shown, so no position bounds a hidden index.
 */
export function rankByIndex(units: AmpiUnitResult[], order: readonly string[]): Pick<AmpiResult, "units" | "discriminates" | "nonDiscriminationReason"> {
  const ranked = units.filter((u) => u.index !== null).map((u) => ({ key: u.unit, index: u.index! }));
  const ranks = rankDescending(ranked);
  const allEqual = ranked.length > 0 && ranked.every((r) => Math.abs(r.index - ranked[0]!.index) < EPS);
  const discriminates = ranked.length >= 2 && !allEqual;
  const nonDiscriminationReason = discriminates
    ? null
    : ranked.length === 0
      ? "Nessun comune ha tutti gli indicatori: l'indice non si può calcolare."
      : ranked.length === 1
        ? "Un solo comune ha tutti gli indicatori: l'indice non ha termini di confronto e i decili non hanno senso."
        : "Tutti i comuni hanno lo stesso indice: con questi indicatori l'indice non distingue i comuni, quindi non si danno decili.";
  const position = new Map(order.map((id, i) => [id, i]));
  const out = units.map((u) => {
    const rank = ranks.get(u.unit) ?? null;
    return { ...u, rank, decile: rank === null || !discriminates ? null : decileOfRank(rank, ranked.length) };
  });
  out.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.unit.localeCompare(b.unit);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return (position.get(a.unit) ?? 0) - (position.get(b.unit) ?? 0);
  });
  return { units: out, discriminates, nonDiscriminationReason };
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

  const excluded = input.excluded ?? new Map<string, string>();
  const scored = input.units.filter((u) => !excluded.has(u.id));
  const unitIds = new Set(scored.map((u) => u.id));
  const lookup = new Map<string, number | null>();
  const key = (unit: string, indicator: string, y: number) => `${unit}|${indicator}|${y}`;
  for (const v of input.values) {
    if (!unitIds.has(v.unit) || !codes.has(v.indicator)) continue;
    lookup.set(key(v.unit, v.indicator, v.year), typeof v.value === "number" && Number.isFinite(v.value) ? v.value : null);
  }

  // Goalposts over all (scored) units and all years from..to.
  const goalposts = (from: number, to: number): AmpiIndicatorSummary[] =>
    input.indicators.map((ind) => {
      let min: number | null = null;
      let max: number | null = null;
      for (const u of scored)
        for (let y = from; y <= to; y++) {
          const x = lookup.get(key(u.id, ind.code, y));
          if (x === null || x === undefined) continue;
          min = min === null ? x : Math.min(min, x);
          max = max === null ? x : Math.max(max, x);
        }
      return { code: ind.code, polarity: ind.polarity, reference: ind.reference, min, max };
    });
  const summaries = goalposts(baseYear, year);
  // The change compares two years: both are scored against goalposts that include both.
  const changePosts = baseYear <= year - 1 ? summaries : goalposts(year - 1, year);

  const scoreYear = (unit: string, y: number, posts: AmpiIndicatorSummary[]) => {
    const components: AmpiComponent[] = input.indicators.map((ind, j) => {
      const x = lookup.get(key(unit, ind.code, y)) ?? null;
      const s = posts[j]!;
      const normalized = x === null || s.min === null || s.max === null ? null : normalizeAmpi(x, ind, s.min, s.max);
      return { indicator: ind.code, value: x, normalized };
    });
    const missing = components.filter((c) => c.normalized === null).map((c) => c.indicator);
    if (missing.length > 0) return { components, missing, stats: null };
    const stats = ampiOfComponents(components.map((c) => c.normalized!), phenomenon);
    return { components, missing, stats: stats.mean > 0 ? stats : null };
  };

  const current = scored.map((u) => ({ u, ...scoreYear(u.id, year, summaries) }));
  const changeNow = new Map(scored.map((u) => [u.id, changePosts === summaries ? null : scoreYear(u.id, year, changePosts).stats]));
  const previous = new Map(scored.map((u) => [u.id, scoreYear(u.id, year - 1, changePosts).stats]));

  const prevItems = current
    .filter((c) => c.stats && previous.get(c.u.id))
    .map((c) => ({ key: c.u.id, index: previous.get(c.u.id)!.index }));
  const prevRanks = rankDescending(prevItems);

  const results: AmpiUnitResult[] = current.map((c) => {
    const prev = c.stats ? (previous.get(c.u.id) ?? null) : null;
    const now = changeNow.get(c.u.id) ?? c.stats;
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
      rank: null,
      decile: null,
      components: c.components,
      previousIndex: prev?.index ?? null,
      previousRank: prevRanks.get(c.u.id) ?? null,
      change: c.stats && prev && now ? now.index - prev.index : null,
      excluded: !c.stats,
      exclusionReason: reason,
    };
  });
  for (const u of input.units) {
    const why = excluded.get(u.id);
    if (why === undefined) continue;
    results.push({
      unit: u.id,
      ...(u.name !== undefined ? { name: u.name } : {}),
      index: null, mean: null, std: null, cv: null, penalty: null, rank: null, decile: null,
      components: input.indicators.map((ind) => ({ indicator: ind.code, value: null, normalized: null })),
      previousIndex: null, previousRank: null, change: null,
      excluded: true,
      exclusionReason: why,
    });
  }

  const ranking = rankByIndex(results, input.units.map((u) => u.id));
  return { method: phenomenon === "negative" ? "AMPI+" : "AMPI-", year, baseYear, indicators: summaries, ...ranking };
}

/** Plain-Italian explanation of the method, for the page. */
export const AMPI_METHOD_IT = `L'indice di fragilità riassume in un solo numero più indicatori, con il metodo AMPI (Adjusted Mazziotta–Pareto Index) usato dall'ISTAT.

1. Ogni indicatore viene riportato su una scala comune: il valore della zona nell'anno base vale 100, e la distanza di ogni comune da quel valore è misurata rispetto all'intervallo tra il valore più basso e quello più alto osservati nei comuni della zona, dall'anno base all'anno mostrato. Un comune all'estremo dell'intervallo si trova intorno a 70 o 130.
2. Per gli indicatori in cui un valore alto indica più fragilità (per esempio la quota di anziani) un valore più alto fa salire il punteggio; per quelli in cui un valore alto indica meno fragilità (per esempio il reddito) lo fa scendere.
3. L'indice di un comune è la media dei punteggi, aumentata di una penalità quando i punteggi sono molto diversi tra loro: un comune molto fragile in un solo aspetto non viene compensato da un buon risultato in un altro.
4. Più alto è l'indice, più fragile è il comune. La posizione 1 è il comune più fragile della zona; a pari indice i comuni condividono la posizione media (per esempio 2,5 per due comuni al secondo e terzo posto). Il decile va da 10 (i comuni più fragili) a 1 (i meno fragili); con meno di dieci comuni alcuni decili restano vuoti. Se tutti i comuni hanno lo stesso indice, o ne è classificato uno solo, l'indice non distingue i comuni e la pagina lo dice invece di dare i decili.
5. La variazione rispetto all'anno precedente confronta i due anni con gli stessi riferimenti, minimo e massimo calcolati su entrambi gli anni.

Un comune a cui manca anche un solo indicatore non viene classificato, e la pagina dice quale dato manca; se il dato manca nell'anno base, il comune è escluso e il valore di riferimento della zona si calcola sugli altri comuni. Se tutti i comuni hanno lo stesso valore di un indicatore, quell'indicatore vale 100 per tutti. L'indice confronta i comuni tra loro e nel tempo rispetto agli stessi riferimenti: non è una misura assoluta del bisogno.`;
