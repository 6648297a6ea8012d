/**
 * Key demographic figures of the overview, computed from counts. A zone rate is
 * Σ numerators / Σ denominators over the comuni that have both, never the mean
 * of the comuni's rates.
 */
export interface AgeCounts {
  population: number | null;
  age0to14: number | null;
  age65plus: number | null;
  age75plus: number | null;
  foreigners: number | null;
}

export interface KeyFigures {
  population: number | null;
  share65plus: number | null;
  share75plus: number | null;
  oldAgeIndex: number | null;
  shareForeigners: number | null;
}

export function ratio(numerator: number | null, denominator: number | null, scale = 100): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * scale;
}

export function keyFigures(c: AgeCounts): KeyFigures {
  return {
    population: c.population,
    share65plus: ratio(c.age65plus, c.population),
    share75plus: ratio(c.age75plus, c.population),
    oldAgeIndex: ratio(c.age65plus, c.age0to14),
    shareForeigners: ratio(c.foreigners, c.population),
  };
}

/** Σ over units of a count; null when no unit has it. */
function sumOf(units: AgeCounts[], key: keyof AgeCounts): number | null {
  const values = units.map((u) => u[key]).filter((v): v is number => v !== null);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

/** Zone figures: each ratio uses only the comuni that have both of its counts. */
export function zoneKeyFigures(units: AgeCounts[]): KeyFigures {
  const pairRatio = (num: keyof AgeCounts, den: keyof AgeCounts) => {
    const both = units.filter((u) => u[num] !== null && u[den] !== null);
    return both.length === 0 ? null : ratio(sumOf(both, num), sumOf(both, den));
  };
  return {
    population: sumOf(units, "population"),
    share65plus: pairRatio("age65plus", "population"),
    share75plus: pairRatio("age75plus", "population"),
    oldAgeIndex: pairRatio("age65plus", "age0to14"),
    shareForeigners: pairRatio("foreigners", "population"),
  };
}
