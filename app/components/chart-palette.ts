/**
 * Colours of chart series (issue 17): the Okabe–Ito palette, which readers
 * with the common colour-vision deficiencies tell apart, darkened where needed
 * so that every line keeps 3:1 against white (WCAG 1.4.11). Series are also
 * told apart by their legend, dashes and the table beside every chart.
 */
export const SERIES_COLOURS = ["#0072B2", "#C44E00", "#007A5A", "#AA4499", "#000000", "#8C6D00"] as const;

/** The colour of a chart with one series. */
export const SINGLE_SERIES_COLOUR = SERIES_COLOURS[0];

export function seriesColour(i: number): string {
  return SERIES_COLOURS[((i % SERIES_COLOURS.length) + SERIES_COLOURS.length) % SERIES_COLOURS.length]!;
}

/** Axes, ticks and grid (Bootstrap Italia's grey, 5.9:1 on white). */
export const AXIS_COLOUR = "#5c6f82";
export const GRID_COLOUR = "#d9dadb";
