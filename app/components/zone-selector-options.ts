/**
 * What the zone selector lists (issue 17): the zones of the current zone's region, and for
 * every other region the user sees, one entry that opens that region's first zone (where the
 * selector then lists that region's zones). An administrator of a national instance sees
 * hundreds of zones: listing them all was 77 KB of HTML on every page of a zone.
 */
export interface SelectorZone {
  code: string;
  name: string;
  region: string;
}

export interface ZoneSelectorOptions {
  /** The zones of the current zone's region, in the given order. */
  zones: { code: string; name: string }[];
  /** One entry per other region: its first zone's code, and the region's name with how many zones it has. */
  otherRegions: { code: string; label: string }[];
}

export function zoneSelectorOptions(visible: readonly SelectorZone[], current: SelectorZone): ZoneSelectorOptions {
  const zones = visible.filter((z) => z.region === current.region).map((z) => ({ code: z.code, name: z.name }));
  if (!zones.some((z) => z.code === current.code)) zones.unshift({ code: current.code, name: current.name });
  const others = new Map<string, { code: string; count: number }>();
  for (const z of visible) {
    if (z.region === current.region) continue;
    const entry = others.get(z.region);
    if (entry) entry.count++;
    else others.set(z.region, { code: z.code, count: 1 });
  }
  const otherRegions = [...others].map(([region, { code, count }]) => ({
    code,
    label: `${region} (${count === 1 ? "1 zona" : `${count} zone`})`,
  }));
  return { zones, otherRegions };
}
