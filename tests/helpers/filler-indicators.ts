import { INDICATORS } from "@/lib/catalog/indicators";

/**
 * The catalogue's plain counts that take any whole number from 10 to 100 on a
 * `valori` row of comune, period and value: the indicators benchmarks and
 * fuzzers fill with generated values. Filtering here keeps them working when
 * the catalogue gains an indicator with a narrower range (a 1–10 score) or
 * one that belongs to a service.
 */
export const FILLER_INDICATORS = INDICATORS.filter(
  (d) => d.aggregation === "sum" && !d.code.startsWith("SRV_") && (d.validRange?.min ?? 0) <= 10 && (d.validRange?.max ?? Infinity) >= 100,
);
