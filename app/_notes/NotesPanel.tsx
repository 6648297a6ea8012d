import { formatDate } from "@/lib/format";
import type { Note } from "@/db/queries/notes";
import type { Principal } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import type { NoteSubjectKind } from "@/lib/notes";
import { ActionButton } from "@/app/components/FormFields";
import { NoteForm } from "./NoteForm";
import { deleteNoteAction } from "./actions";

/**
 * The notes on one subject where it appears (target page, scheda comune):
 * dated and signed; planners add one, the author or an administrator
 * deletes it. Everyone who sees the page reads them.
 */
export function NotesPanel({
  zone,
  subject,
  notes,
  principal,
  page,
  title,
  headingLevel = 3,
  context,
}: {
  zone: string;
  subject: { kind: NoteSubjectKind; key: string };
  notes: Note[];
  principal: Principal;
  page: string;
  title: string;
  headingLevel?: 2 | 3;
  /** What tells this panel from another with the same title on the page (two targets of one indicator): read by screen readers only. */
  context?: string;
}) {
  const writer = can(principal, "plan.write");
  const admin = can(principal, "admin");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const mine = notes.filter((n) => n.subjectKind === subject.kind && n.subjectKey === subject.key);
  if (mine.length === 0 && !writer) return null;
  return (
    <section className="notes mb-3" aria-label={context ? `${title}: ${context}` : title}>
      <Heading className={headingLevel === 2 ? "h4" : "h6"}>
        {title}
        {context && <span className="visually-hidden">: {context}</span>}
      </Heading>
      {mine.length === 0 ? (
        <p className="small text-secondary">Nessuna nota.</p>
      ) : (
        <ul className="list-unstyled small">
          {mine.map((n) => (
            <li key={n.id} className="border-start border-3 ps-2 mb-2">
              <p className="mb-0">{n.body}</p>
              <p className="text-secondary mb-0">
                {formatDate(n.notedOn)} · {n.author}{" "}
                {writer && (admin || n.author === principal.label) && <ActionButton action={deleteNoteAction} fields={{ zone, noteId: String(n.id), page }} label="Elimina" className="btn btn-link btn-sm p-0 align-baseline" />}
              </p>
            </li>
          ))}
        </ul>
      )}
      {writer && <NoteForm zone={zone} subjectKind={subject.kind} subjectKey={subject.key} page={page} label={`Nuova nota: ${title.toLowerCase()}${context ? `: ${context}` : ""}`} today={new Date().toISOString().slice(0, 10)} />}
    </section>
  );
}
