import type { RenderedMap } from "@/lib/geo/render";
import { classOf, type ClassBreaks } from "@/lib/geo/classes";

/** Sequential palette, light to dark; text on each class keeps 4.5:1 contrast. */
const FILLS = ["#e6f0fa", "#b3d1f0", "#66a3e0", "#1f6fbf", "#0b3d73"];
const TEXT = ["#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff"];
const MISSING_FILL = "url(#mancante)";

export interface MapDatum {
  istat: string;
  name: string;
  value: number | null;
  formatted: string;
}

interface Props {
  map: RenderedMap;
  data: MapDatum[];
  breaks: ClassBreaks | null;
  title: string;
  formatValue: (v: number) => string;
}

/**
 * A server-rendered choropleth. Colour is not the only signal: each comune
 * carries its class number, and a hatch marks missing values; the legend
 * gives the class ranges and the page shows the same data as a table.
 */
export function ChoroplethMap({ map, data, breaks, title, formatValue }: Props) {
  const byIstat = new Map(data.map((d) => [d.istat, d]));
  const classes = breaks?.upper.length ?? 0;
  const palette = (c: number) => Math.round((c - 1) * ((FILLS.length - 1) / Math.max(1, classes - 1)));
  return (
    <figure className="mb-3">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        width="100%"
        role="img"
        aria-labelledby="mappa-titolo"
        style={{ maxWidth: map.width, height: "auto" }}
      >
        {/* One string child: React renders a <title> with several children as empty. */}
        <title id="mappa-titolo">{`${title}. I valori di ogni comune sono nella tabella che segue la mappa.`}</title>
        <defs>
          <pattern id="mancante" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#5c6f82" strokeWidth="1.5" />
          </pattern>
        </defs>
        {map.shapes.map((s) => {
          const datum = byIstat.get(s.id);
          const c = breaks && datum ? classOf(datum.value, breaks) : null;
          return (
            <path key={s.id} d={s.d} fill={c === null ? MISSING_FILL : FILLS[palette(c)]} stroke="#33475b" strokeWidth={0.8}>
              <title>{`${datum?.name ?? s.id}: ${datum?.formatted ?? "n.d."}`}</title>
            </path>
          );
        })}
        {map.shapes.map((s) => {
          const datum = byIstat.get(s.id);
          const c = breaks && datum ? classOf(datum.value, breaks) : null;
          if (c === null) return null;
          return (
            <text
              key={`l-${s.id}`}
              x={s.labelAt[0]}
              y={s.labelAt[1]}
              textAnchor="middle"
              dominantBaseline="central"
              fontSize={12}
              fontWeight={700}
              fill={TEXT[palette(c)]}
              aria-hidden="true"
            >
              {c}
            </text>
          );
        })}
      </svg>
      {breaks && (
        <figcaption>
          <p className="small mb-1">Legenda (classi con lo stesso numero di comuni; il numero sulla mappa indica la classe):</p>
          <ul className="list-unstyled d-flex flex-wrap gap-3 small mb-0">
            {breaks.upper.map((upper, i) => {
              const lower = i === 0 ? breaks.min : (breaks.upper[i - 1] as number);
              return (
                <li key={upper} className="d-flex align-items-center gap-1">
                  <svg width="18" height="18" aria-hidden="true">
                    <rect width="18" height="18" fill={FILLS[palette(i + 1)]} stroke="#33475b" />
                  </svg>
                  <span>
                    <strong>{i + 1}</strong>: {i === 0 ? "da" : "oltre"} {formatValue(lower)} a {formatValue(upper)}
                  </span>
                </li>
              );
            })}
            <li className="d-flex align-items-center gap-1">
              <svg width="18" height="18" aria-hidden="true">
                <rect width="18" height="18" fill="url(#mancante)" stroke="#33475b" />
              </svg>
              <span>tratteggio: dato mancante</span>
            </li>
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
