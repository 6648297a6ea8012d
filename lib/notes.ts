/**
 * Planners' notes: what a note is about. A target is named by its identity in
 * the plan, the same key the versioned rows share, so that a note stays with
 * the target through its edits.
 */
export const NOTE_SUBJECT_KINDS = ["indicator", "target", "comune", "service"] as const;
export type NoteSubjectKind = (typeof NOTE_SUBJECT_KINDS)[number];

export const NOTE_SUBJECT_LABELS_IT: Record<NoteSubjectKind, string> = {
  indicator: "Indicatore",
  target: "Obiettivo",
  comune: "Comune",
  service: "Servizio",
};

export function targetNoteKey(t: { planId: number | null; indicatorCode: string; comune: string | null; kind: string; targetYear: number }): string {
  return [t.planId ?? 0, t.indicatorCode, t.comune ?? "zona", t.kind, t.targetYear].join(":");
}
