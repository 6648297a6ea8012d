import { formatNumber } from "./format";

/**
 * The audit log in plain Italian: event names, the object an event is about
 * and its details as "campo: valore" instead of codes and raw JSON.
 * An event this table does not know keeps its code, so nothing is hidden.
 */
export const AUDIT_ACTION_LABELS_IT: Record<string, string> = {
  "login.success": "Accesso riuscito",
  "login.failure": "Accesso non riuscito",
  "login.locked": "Accesso bloccato (troppi tentativi)",
  import: "Importazione",
  "import.commit": "Importazione confermata",
  "import.revert": "Importazione annullata",
  "import.recover": "Importazione interrotta ripristinata",
  revert: "Annullamento di un'importazione",
  help: "Aiuto della riga di comando",
  "user.create": "Utente creato",
  "user.update": "Utente modificato",
  "user.password_reset": "Password reimpostata",
  "user.password_change": "Password cambiata",
  "user.password_change_failure": "Cambio password non riuscito",
  "user.disable": "Utente disattivato",
  "user.enable": "Utente riattivato",
  "user.comune": "Comune dell'utente cambiato",
  "token.create": "Token API creato",
  "token.revoke": "Token API revocato",
  "zone.disclosure_threshold": "Soglia di riservatezza cambiata",
  "plan.create": "Piano di zona creato",
  "objective.create": "Obiettivo del Piano creato",
  "target.create": "Obiettivo creato",
  "target.edit": "Obiettivo modificato",
  "target.retire": "Obiettivo ritirato",
  "target.undo": "Modifica di un obiettivo annullata",
  "leps.set": "Stato di un LEPS registrato",
  "note.add": "Nota aggiunta",
  "note.delete": "Nota eliminata",
  "report.text": "Testo della relazione salvato",
  "report.approve": "Relazione approvata",
  "report.publish": "Edizione della relazione pubblicata",
  "report.share": "Bozza della relazione condivisa con la Conferenza",
  "report.unshare": "Condivisione della bozza ritirata",
  "copayment.proposal.save": "Proposta di regolamento della compartecipazione salvata",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS_IT[action] ?? action;
}

const SUBJECT_KINDS_IT: Record<string, string> = {
  import_batch: "importazione n.",
  api_token: "token API n.",
  leps_item: "LEPS n.",
  note: "nota n.",
  copayment_proposal: "proposta di regolamento",
  plan: "piano n.",
  plan_objective: "obiettivo n.",
  target: "obiettivo n.",
  report: "relazione",
  zone: "zona",
};

/** "import_batch:3" → "importazione n. 3"; an e-mail or a name stays as it is. */
export function auditSubjectLabel(subject: string | null): string {
  if (!subject) return "—";
  const m = /^([a-z_]+):(.+)$/.exec(subject);
  const kind = m ? SUBJECT_KINDS_IT[m[1]!] : undefined;
  return m && kind ? `${kind} ${m[2]}` : subject;
}

const DETAIL_KEYS_IT: Record<string, string> = {
  ip: "indirizzo",
  reason: "motivo",
  role: "ruolo",
  zones: "zone",
  regions: "regioni",
  before: "prima",
  after: "dopo",
  previous: "prima",
  batchId: "importazione n.",
  for: "per",
  name: "nome",
  unprotectedData: "dati non protetti",
  kind: "tipo",
  file: "file",
  fileName: "file",
  inserted: "nuovi",
  updated: "aggiornati",
  unchanged: "invariati",
  rejected: "scartati",
  rowsRead: "righe lette",
  body: "testo",
  author: "autore",
  subjectKind: "riguarda",
  subjectKey: "codice",
  item: "voce",
  state: "stato",
  summary: "sintesi",
  undone: "annullato",
  targetId: "obiettivo n.",
  values: "valori",
  evidence: "documentazione",
  assessedOn: "valutato il",
  id: "n.",
  planId: "piano n.",
  note: "nota",
  comune: "comune",
  tolerance: "tolleranza",
  milestones: "tappe",
  provenance: "origine",
  legalSource: "fonte normativa",
  indicatorCode: "indicatore",
  objectiveCode: "obiettivo del piano",
  baselineYear: "anno base",
  baselineValue: "valore di partenza",
  targetYear: "anno obiettivo",
  targetValue: "valore da raggiungere",
  page: "pagina",
  zone: "zona",
  notedOn: "data",
  removed: "rimossi",
  restored: "ripristinati",
  length: "caratteri",
  year: "anno",
};

/** Years are written without a thousands separator ("2026", not "2.026"). */
const isYearKey = (key: string) => /(^y|Y)ear$/.test(key);

function valueText(value: unknown, depth: number, key = ""): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "sì" : "no";
  if (typeof value === "number" && isYearKey(key) && Number.isInteger(value)) return String(value);
  if (typeof value === "number") return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 0 ? "nessuna" : value.map((v) => valueText(v, depth + 1)).join(", ");
  if (typeof value === "object") {
    const inner = auditDetailsText(value, depth + 1);
    return inner ? `(${inner})` : "—";
  }
  return JSON.stringify(value);
}

/** `{"ip":"127.0.0.1","zones":["UMB-11"]}` → "indirizzo: 127.0.0.1; zone: UMB-11". */
export function auditDetailsText(details: unknown, depth = 0): string {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return details === null || details === undefined ? "" : valueText(details, depth);
  // Deeply nested values (rare) keep their JSON rather than growing unreadable.
  if (depth > 2) return JSON.stringify(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${DETAIL_KEYS_IT[k] ?? k}: ${valueText(v, depth, k)}`)
    .join("; ");
}
