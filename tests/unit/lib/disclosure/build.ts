/** Builders of SdcProblems for the tests: 1-D with a total, 2-D with row, column and grand totals. */
import type { SdcCell, SdcProblem } from "@/lib/disclosure";

/** A problem the tests may edit in place. */
export interface EditableProblem extends SdcProblem {
  cells: SdcCell[];
  equations: { total: string; terms: string[] }[];
}

export function oneWay(values: readonly number[], options: { threshold?: number; showZeros?: boolean } = {}): EditableProblem {
  const cells: SdcCell[] = values.map((v, i) => ({ id: `c${i}`, value: v, kind: "people" }));
  cells.push({ id: "T", value: values.reduce((a, b) => a + b, 0), kind: "people", margin: true });
  return {
    cells,
    equations: [{ total: "T", terms: values.map((_, i) => `c${i}`) }],
    threshold: options.threshold ?? 3,
    showZeros: options.showZeros ?? true,
  };
}

export const cellId = (r: number, c: number): string => `r${r}c${c}`;

export function twoWay(values: readonly (readonly number[])[], options: { threshold?: number; showZeros?: boolean } = {}): EditableProblem {
  const rows = values.length;
  const cols = values[0]!.length;
  const cells: SdcCell[] = [];
  const equations: EditableProblem["equations"] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push({ id: cellId(r, c), value: values[r]![c]!, kind: "people" });
  for (let r = 0; r < rows; r++) {
    cells.push({ id: `R${r}`, value: values[r]!.reduce((a, b) => a + b, 0), kind: "people", margin: true });
    equations.push({ total: `R${r}`, terms: values[r]!.map((_, c) => cellId(r, c)) });
  }
  for (let c = 0; c < cols; c++) {
    cells.push({ id: `C${c}`, value: values.reduce((a, row) => a + row[c]!, 0), kind: "people", margin: true });
    equations.push({ total: `C${c}`, terms: values.map((_, r) => cellId(r, c)) });
  }
  cells.push({ id: "G", value: values.flat().reduce((a, b) => a + b, 0), kind: "people", margin: true });
  equations.push({ total: "G", terms: values.map((_, r) => `R${r}`) });
  equations.push({ total: "G", terms: values[0]!.map((_, c) => `C${c}`) });
  return { cells, equations, threshold: options.threshold ?? 3, showZeros: options.showZeros ?? true };
}

export function hiddenIds(status: Map<string, string>): Set<string> {
  return new Set([...status].filter(([, s]) => s === "primary" || s === "secondary" || s === "confidential").map(([id]) => id));
}
