import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Sparkline } from "@/app/components/Sparkline";

const draw = (values: (number | null)[]) => renderToStaticMarkup(createElement(Sparkline, { values, width: 46, height: 26 }));

describe("Sparkline", () => {
  it("is decorative and scales the values into the box, highest at the top", () => {
    const svg = draw([10, 20, 30]);
    expect(svg).toContain('aria-hidden="true"');
    // x: 3, 23, 43; y: 23 (lowest), 13, 3 (highest).
    expect(svg).toContain('d="M3.0,23.0L23.0,13.0L43.0,3.0"');
  });

  it("breaks the line at a missing year and draws nothing with fewer than two values", () => {
    const svg = draw([10, null, 30, 20]);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(draw([null, 5, null])).toBe("");
  });

  it("draws a flat line in the middle when all values are equal", () => {
    expect(draw([7, 7])).toContain('d="M3.0,13.0L43.0,13.0"');
  });
});
