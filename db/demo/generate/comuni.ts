/**
 * The comuni of the demo zones, from ../shared/reference/umbria-zone-sociali.csv
 * (ISTAT code, name, legal population at the 2011 census). Kept here so
 * that the generator needs no file access.
 */
export interface DemoComune {
  istat: string;
  name: string;
  zoneCode: string;
  population2011: number;
}

export interface DemoZone {
  code: string;
  number: number;
  name: string;
  capofila: string;
  /** Short name for texts, e.g. "Narni". */
  shortName: string;
}

export const DEMO_ZONES: readonly DemoZone[] = [
  { code: "UMB-06", number: 6, name: "Zona sociale 6 – Norcia", capofila: "054035", shortName: "Norcia" },
  { code: "UMB-10", number: 10, name: "Zona sociale 10 – Terni", capofila: "055032", shortName: "Terni" },
  { code: "UMB-11", number: 11, name: "Zona sociale 11 – Narni", capofila: "055022", shortName: "Narni" },
];

export const DEMO_COMUNI: readonly DemoComune[] = [
  { istat: "054007", name: "Cascia", zoneCode: "UMB-06", population2011: 3248 },
  { istat: "054010", name: "Cerreto di Spoleto", zoneCode: "UMB-06", population2011: 1122 },
  { istat: "054031", name: "Monteleone di Spoleto", zoneCode: "UMB-06", population2011: 626 },
  { istat: "054035", name: "Norcia", zoneCode: "UMB-06", population2011: 4915 },
  { istat: "054042", name: "Poggiodomo", zoneCode: "UMB-06", population2011: 135 },
  { istat: "054043", name: "Preci", zoneCode: "UMB-06", population2011: 757 },
  { istat: "054045", name: "Sant'Anatolia di Narco", zoneCode: "UMB-06", population2011: 558 },
  { istat: "054047", name: "Scheggino", zoneCode: "UMB-06", population2011: 481 },
  { istat: "054058", name: "Vallo di Nera", zoneCode: "UMB-06", population2011: 401 },
  { istat: "055001", name: "Acquasparta", zoneCode: "UMB-10", population2011: 4929 },
  { istat: "055005", name: "Arrone", zoneCode: "UMB-10", population2011: 2839 },
  { istat: "055012", name: "Ferentillo", zoneCode: "UMB-10", population2011: 1963 },
  { istat: "055019", name: "Montefranco", zoneCode: "UMB-10", population2011: 1289 },
  { istat: "055027", name: "Polino", zoneCode: "UMB-10", population2011: 246 },
  { istat: "055029", name: "San Gemini", zoneCode: "UMB-10", population2011: 4921 },
  { istat: "055031", name: "Stroncone", zoneCode: "UMB-10", population2011: 4924 },
  { istat: "055032", name: "Terni", zoneCode: "UMB-10", population2011: 109193 },
  { istat: "055003", name: "Alviano", zoneCode: "UMB-11", population2011: 1514 },
  { istat: "055004", name: "Amelia", zoneCode: "UMB-11", population2011: 11781 },
  { istat: "055006", name: "Attigliano", zoneCode: "UMB-11", population2011: 1917 },
  { istat: "055008", name: "Calvi dell'Umbria", zoneCode: "UMB-11", population2011: 1883 },
  { istat: "055014", name: "Giove", zoneCode: "UMB-11", population2011: 1900 },
  { istat: "055015", name: "Guardea", zoneCode: "UMB-11", population2011: 1863 },
  { istat: "055016", name: "Lugnano in Teverina", zoneCode: "UMB-11", population2011: 1539 },
  { istat: "055017", name: "Montecastrilli", zoneCode: "UMB-11", population2011: 5190 },
  { istat: "055022", name: "Narni", zoneCode: "UMB-11", population2011: 20054 },
  { istat: "055024", name: "Otricoli", zoneCode: "UMB-11", population2011: 1915 },
  { istat: "055026", name: "Penna in Teverina", zoneCode: "UMB-11", population2011: 1056 },
  { istat: "055033", name: "Avigliano Umbro", zoneCode: "UMB-11", population2011: 2568 },
];
