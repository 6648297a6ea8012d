"use client";

import { ErrorSummary, Field, useForm } from "@/app/components/FormFields";
import { createObjectiveAction, createPlanAction, saveTargetAction } from "./actions";
import { OBJECTIVE_AREAS, PLAN_ACT_TYPE_LABELS_IT, PLAN_ACT_TYPES, TARGET_PROVENANCE_LABELS_IT, TARGET_PROVENANCES } from "@/lib/targets/plan";
import { TARGET_KIND_LABELS_IT, TARGET_KINDS } from "@/lib/targets/status";

/**
 * The planner's forms of the Piano: a target (new, or a new version of a
 * current one), an edition, an objective. The server actions check the
 * role and parse with lib/targets/schema.ts; problems come back per field.
 */

export interface TargetFormValues {
  id?: number;
  planId: number;
  objectiveCode: string | null;
  indicatorCode: string;
  comune: string | null;
  kind: string;
  provenance: string;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number | null;
  targetValue: number | null;
  milestones: string;
  tolerance: number | null;
  legalSource: string | null;
  note: string | null;
}

const TARGET_LABELS: Record<string, string> = {
  planId: "Piano",
  objectiveCode: "Obiettivo del piano",
  indicatorCode: "Indicatore",
  comune: "Territorio dell'obiettivo",
  kind: "Tipo",
  provenance: "Provenienza",
  baselineYear: "Anno base",
  baselineValue: "Valore base",
  targetYear: "Anno obiettivo",
  targetValue: "Valore da raggiungere",
  milestones: "Tappe intermedie",
  tolerance: "Tolleranza",
  legalSource: "Riferimento normativo",
  note: "Nota",
};

/** Numbers written back as the form reads them: 24,5 and 5500 (no grouping). */
const numberText = (v: number | null) => (v === null ? "" : new Intl.NumberFormat("it-IT", { maximumFractionDigits: 10, useGrouping: false }).format(v));

export function TargetEditor({
  zone,
  values,
  objectives,
  indicators,
  comuni,
  fixed,
}: {
  zone: string;
  values: TargetFormValues;
  objectives: { code: string; title: string }[];
  indicators: { code: string; name: string }[];
  comuni: { istat: string; name: string }[];
  /** Editing: which target it is (plan, indicator, territory, kind, year) is shown, not edited. */
  fixed: { indicator: string; territory: string; kind: string } | null;
}) {
  const form = useForm(saveTargetAction, `obiettivo-${values.id ?? "nuovo"}`);
  const label = fixed ? `Modifica obiettivo: ${fixed.indicator}, ${fixed.territory}` : "Nuovo obiettivo";
  return (
    <form key={form.key} action={form.formAction} aria-label={label} noValidate>
      <ErrorSummary form={form} labels={TARGET_LABELS} />
      <input type="hidden" name="zone" value={zone} />
      <input type="hidden" name="planId" value={values.planId} />
      {values.id !== undefined && <input type="hidden" name="replaceId" value={values.id} />}
      {fixed && (
        <>
          <input type="hidden" name="indicatorCode" value={values.indicatorCode} />
          <input type="hidden" name="comune" value={values.comune ?? ""} />
          <input type="hidden" name="kind" value={values.kind} />
          <input type="hidden" name="targetYear" value={values.targetYear ?? ""} />
          <p className="small mb-2">
            {fixed.indicator} · {fixed.territory} · {fixed.kind} · entro il {values.targetYear}. Per cambiarli, ritirare l&apos;obiettivo e crearne uno nuovo.
          </p>
        </>
      )}
      <div className="row g-2 align-items-start">
        {!fixed && (
          <>
            <Field form={form} name="indicatorCode" label={TARGET_LABELS.indicatorCode!} column="col-md-4">
              {(p) => (
                <select {...p} className="form-select form-select-sm" defaultValue={form.value("indicatorCode", values.indicatorCode)}>
                  <option value="">—</option>
                  {indicators.map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.name} ({i.code})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field form={form} name="comune" label={TARGET_LABELS.comune!}>
              {(p) => (
                <select {...p} className="form-select form-select-sm" defaultValue={form.value("comune", values.comune ?? "")}>
                  <option value="">Intera zona</option>
                  {comuni.map((c) => (
                    <option key={c.istat} value={c.istat}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field form={form} name="kind" label={TARGET_LABELS.kind!} column="col-md-2">
              {(p) => (
                <select {...p} className="form-select form-select-sm" defaultValue={form.value("kind", values.kind)}>
                  {TARGET_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {TARGET_KIND_LABELS_IT[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field form={form} name="targetYear" label={TARGET_LABELS.targetYear!} column="col-md-2">
              {(p) => <input {...p} className="form-control form-control-sm" inputMode="numeric" defaultValue={form.value("targetYear", values.targetYear ?? "")} />}
            </Field>
          </>
        )}
        <Field form={form} name="objectiveCode" label={TARGET_LABELS.objectiveCode!} column="col-md-4">
          {(p) => (
            <select {...p} className="form-select form-select-sm" defaultValue={form.value("objectiveCode", values.objectiveCode ?? "")}>
              <option value="">Nessuno</option>
              {objectives.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} · {o.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="provenance" label={TARGET_LABELS.provenance!}>
          {(p) => (
            <select {...p} className="form-select form-select-sm" defaultValue={form.value("provenance", values.provenance)}>
              {TARGET_PROVENANCES.map((v) => (
                <option key={v} value={v}>
                  {TARGET_PROVENANCE_LABELS_IT[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="baselineYear" label={TARGET_LABELS.baselineYear!} column="col-md-2">
          {(p) => <input {...p} className="form-control form-control-sm" inputMode="numeric" defaultValue={form.value("baselineYear", values.baselineYear ?? "")} />}
        </Field>
        <Field form={form} name="baselineValue" label={TARGET_LABELS.baselineValue!} column="col-md-2">
          {(p) => <input {...p} className="form-control form-control-sm" inputMode="decimal" defaultValue={form.value("baselineValue", numberText(values.baselineValue))} />}
        </Field>
        <Field form={form} name="targetValue" label={TARGET_LABELS.targetValue!} column="col-md-2">
          {(p) => <input {...p} className="form-control form-control-sm" inputMode="decimal" defaultValue={form.value("targetValue", numberText(values.targetValue))} />}
        </Field>
        <Field form={form} name="milestones" label={TARGET_LABELS.milestones!} hint="Per esempio 2025: 5.500; 2026: 5.200" column="col-md-4">
          {(p) => <input {...p} className="form-control form-control-sm" defaultValue={form.value("milestones", values.milestones)} />}
        </Field>
        <Field form={form} name="tolerance" label={TARGET_LABELS.tolerance!} hint="Solo per un mantenimento" column="col-md-2">
          {(p) => <input {...p} className="form-control form-control-sm" inputMode="decimal" defaultValue={form.value("tolerance", numberText(values.tolerance))} />}
        </Field>
        <Field form={form} name="legalSource" label={TARGET_LABELS.legalSource!} column="col-md-4">
          {(p) => <input {...p} className="form-control form-control-sm" defaultValue={form.value("legalSource", values.legalSource ?? "")} />}
        </Field>
        <Field form={form} name="note" label={TARGET_LABELS.note!} column="col-md-8">
          {(p) => <input {...p} className="form-control form-control-sm" defaultValue={form.value("note", values.note ?? "")} />}
        </Field>
        <div className="col-12">
          <button type="submit" className="btn btn-primary btn-sm" disabled={form.pending}>
            {fixed ? "Salva la modifica" : "Crea l'obiettivo"}
          </button>
        </div>
      </div>
    </form>
  );
}

const PLAN_LABELS: Record<string, string> = { name: "Nome dell'edizione", startYear: "Anno iniziale", endYear: "Anno finale", actType: "Atto di adozione", actNumber: "Numero dell'atto", actDate: "Data dell'atto" };

export function PlanCreator({ zone }: { zone: string }) {
  const form = useForm(createPlanAction, "nuovo-piano");
  return (
    <form key={form.key} action={form.formAction} aria-label="Nuova edizione del piano" noValidate>
      <ErrorSummary form={form} labels={PLAN_LABELS} />
      <input type="hidden" name="zone" value={zone} />
      <div className="row g-2 align-items-start">
        <Field form={form} name="name" label={PLAN_LABELS.name!} column="col-md-4">
          {(p) => <input {...p} defaultValue={form.value("name", "")} className="form-control form-control-sm" placeholder="Piano sociale di zona 2027–2029" />}
        </Field>
        <Field form={form} name="startYear" label={PLAN_LABELS.startYear!} column="col-md-2">
          {(p) => <input {...p} defaultValue={form.value("startYear", "")} className="form-control form-control-sm" inputMode="numeric" />}
        </Field>
        <Field form={form} name="endYear" label={PLAN_LABELS.endYear!} column="col-md-2">
          {(p) => <input {...p} defaultValue={form.value("endYear", "")} className="form-control form-control-sm" inputMode="numeric" />}
        </Field>
        <Field form={form} name="actType" label={PLAN_LABELS.actType!} column="col-md-4">
          {(p) => (
            <select {...p} className="form-select form-select-sm" defaultValue={form.value("actType", "")}>
              <option value="">Non ancora adottato</option>
              {PLAN_ACT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {PLAN_ACT_TYPE_LABELS_IT[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="actNumber" label={PLAN_LABELS.actNumber!} column="col-md-2">
          {(p) => <input {...p} defaultValue={form.value("actNumber", "")} className="form-control form-control-sm" />}
        </Field>
        <Field form={form} name="actDate" label={PLAN_LABELS.actDate!} column="col-md-2">
          {(p) => <input {...p} defaultValue={form.value("actDate", "")} type="date" className="form-control form-control-sm" />}
        </Field>
        <div className="col-12">
          <button type="submit" className="btn btn-primary btn-sm" disabled={form.pending}>
            Crea l&apos;edizione
          </button>
        </div>
      </div>
    </form>
  );
}

const OBJECTIVE_LABELS: Record<string, string> = { code: "Codice", area: "Area dell'obiettivo", title: "Titolo", description: "Descrizione", office: "Ufficio responsabile" };

export function ObjectiveCreator({ zone, planId }: { zone: string; planId: number }) {
  const form = useForm(createObjectiveAction, "nuovo-obiettivo-piano");
  return (
    <form key={form.key} action={form.formAction} aria-label="Nuovo obiettivo del piano" noValidate>
      <ErrorSummary form={form} labels={OBJECTIVE_LABELS} />
      <input type="hidden" name="zone" value={zone} />
      <input type="hidden" name="planId" value={planId} />
      <div className="row g-2 align-items-start">
        <Field form={form} name="code" label={OBJECTIVE_LABELS.code!} column="col-md-2">
          {(p) => <input {...p} defaultValue={form.value("code", "")} className="form-control form-control-sm" placeholder="OB8" />}
        </Field>
        <Field form={form} name="area" label={OBJECTIVE_LABELS.area!} column="col-md-3">
          {(p) => (
            <select {...p} className="form-select form-select-sm" defaultValue={form.value("area", "")}>
              <option value="">—</option>
              {OBJECTIVE_AREAS.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="title" label={OBJECTIVE_LABELS.title!} column="col-md-7">
          {(p) => <input {...p} defaultValue={form.value("title", "")} className="form-control form-control-sm" />}
        </Field>
        <Field form={form} name="description" label={OBJECTIVE_LABELS.description!} column="col-md-8">
          {(p) => <input {...p} defaultValue={form.value("description", "")} className="form-control form-control-sm" />}
        </Field>
        <Field form={form} name="office" label={OBJECTIVE_LABELS.office!} column="col-md-4">
          {(p) => <input {...p} defaultValue={form.value("office", "")} className="form-control form-control-sm" />}
        </Field>
        <div className="col-12">
          <button type="submit" className="btn btn-primary btn-sm" disabled={form.pending}>
            Crea l&apos;obiettivo del piano
          </button>
        </div>
      </div>
    </form>
  );
}
