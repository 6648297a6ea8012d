/**
 * The Osservatorio's key of a zona sociale / ATS: the region's three-letter
 * prefix and the zone's number in the region, two or three digits (UMB-11,
 * LOM-07, LOM-091): up to 999 zones per region, so Lombardia's ~90 ambiti and
 * the ~600 ATS of the country fit. The code the Region or the Ministry uses
 * is kept beside it (zone.official_code). Same pattern as the database check
 * (migration 0028).
 */
export const ZONE_CODE = /^[A-Z]{3}-\d{2,3}$/;

/** ISTAT region code → prefix of its zone codes. */
export const REGION_PREFIXES: Readonly<Record<string, string>> = {
  "01": "PIE",
  "02": "VDA",
  "03": "LOM",
  "04": "TAA",
  "05": "VEN",
  "06": "FVG",
  "07": "LIG",
  "08": "EMR",
  "09": "TOS",
  "10": "UMB",
  "11": "MAR",
  "12": "LAZ",
  "13": "ABR",
  "14": "MOL",
  "15": "CAM",
  "16": "PUG",
  "17": "BAS",
  "18": "CAL",
  "19": "SIC",
  "20": "SAR",
};

/** Highest zone number in a region. */
export const MAX_ZONE_NUMBER = 999;

/** The zone code of a region's zone number (UMB-11), or null for an unknown region or a number out of range. */
export function zoneCodeOf(regionCode: string, number: number): string | null {
  const prefix = REGION_PREFIXES[regionCode];
  if (!prefix || !Number.isInteger(number) || number < 1 || number > MAX_ZONE_NUMBER) return null;
  return `${prefix}-${String(number).padStart(2, "0")}`;
}
