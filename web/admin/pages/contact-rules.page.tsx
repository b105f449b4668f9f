// /settings/contact-rules: how often one customer may be surveyed across all surveys, quiet hours, and the time
// zone of each unit they fall back on. Admins change them; managers read them.
import "../editor/rules.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { replaceInPages } from "../queries";
import { contactRulesQuery, ruleKeys, ruleWrites, unitsQuery, type ContactRules, type Unit } from "../rules-queries";
import { useSession } from "../session";
import { FieldMessage, Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

type Draft = { gap: string; quiet: boolean; start: string; end: string };

const draftOf = (rules: ContactRules): Draft => ({
  gap: String(rules.contactGapDays),
  quiet: rules.quietHours !== null,
  start: rules.quietHours?.start ?? "21:00",
  end: rules.quietHours?.end ?? "08:00",
});

const asNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

// Every zone the browser knows, for the unit pickers; a zone typed by hand is checked by the server.
const zones: string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

function ContactRulesForm({ rules, canChange }: { rules: ContactRules; canChange: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(rules));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: ruleWrites.saveContactRules,
    onMutate: () => setSaved(false),
    onSuccess: (next) => {
      queryClient.setQueryData(ruleKeys.contact, next);
      setDraft(draftOf(next));
      setSaved(true);
    },
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ contactGapDays: asNumber(draft.gap), quietHours: draft.quiet ? { start: draft.start, end: draft.end } : null });
  };
  return (
    <form onSubmit={submit} noValidate className="panel contact-rules-form" aria-labelledby="contact-heading" data-testid="contact-rules-form">
      <h2 id="contact-heading">Across all surveys</h2>
      <ProblemBanner error={save.error} />
      <fieldset className="form-section" disabled={!canChange}>
        <legend className="sr-only">Contact rules</legend>
        <FormField
          id="contact-gap"
          label="Days between two surveys to one customer"
          hint="At most one survey per customer in this many days, whichever survey it is. 0 means no limit. A rule can set its own gap."
          errors={fieldErrorsAt(save.error, "/contactGapDays")}
        >
          {(control) => <input {...control} type="number" inputMode="numeric" min={0} max={365} step={1} value={draft.gap} onChange={(e) => set("gap", e.target.value)} />}
        </FormField>
        <div className="choice">
          <input type="checkbox" id="quiet-on" checked={draft.quiet} onChange={(e) => set("quiet", e.target.checked)} aria-describedby="quiet-hint" />
          <label htmlFor="quiet-on">Keep quiet hours</label>
        </div>
        <p id="quiet-hint" className="hint">
          Nothing is sent during quiet hours, in the customer's time zone; when it is unknown, their unit's (below); otherwise the organisation's ({rules.timeZone}). An email
          due then waits until they end.
        </p>
        {draft.quiet && (
          <div className="quiet-hours">
            <FormField id="quiet-start" label="Quiet from" errors={fieldErrorsAt(save.error, "/quietHours/start")}>
              {(control) => <input {...control} type="time" value={draft.start} onChange={(e) => set("start", e.target.value)} />}
            </FormField>
            <FormField id="quiet-end" label="Until" hint="The next morning when earlier than the start." errors={fieldErrorsAt(save.error, "/quietHours/end")}>
              {(control) => <input {...control} type="time" value={draft.end} onChange={(e) => set("end", e.target.value)} />}
            </FormField>
          </div>
        )}
      </fieldset>
      {canChange ? (
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save contact rules"}
          </button>
          {saved && <Notice>Contact rules saved. They apply to interactions from now on; invitations already scheduled keep their times.</Notice>}
        </div>
      ) : (
        <p className="muted small">Only admins can change the contact rules.</p>
      )}
    </form>
  );
}

function UnitRow({ unit, canChange }: { unit: Unit; canChange: boolean }) {
  const queryClient = useQueryClient();
  const [zone, setZone] = useState(unit.timeZone ?? "");
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (timeZone: string | null) => ruleWrites.setUnitTimeZone(unit.id, timeZone),
    onMutate: () => setSaved(false),
    onSuccess: (next) => {
      replaceInPages(queryClient, ruleKeys.units, next);
      setZone(next.timeZone ?? "");
      setSaved(true);
    },
  });
  const id = `unit-zone-${unit.id}`;
  const errors = fieldErrorsAt(save.error, "/timeZone");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(zone.trim() === "" ? null : zone.trim());
  };
  return (
    <tr data-testid="unit-row">
      <td className="stack-title">{unit.name}</td>
      <td data-label="Time zone">
        {canChange ? (
          <form className="unit-zone-form" onSubmit={submit} noValidate>
            <label htmlFor={id} className="sr-only">
              Time zone of {unit.name}
            </label>
            <input
              id={id}
              list="zone-names"
              value={zone}
              placeholder="Organisation's"
              autoComplete="off"
              onChange={(e) => setZone(e.target.value)}
              aria-invalid={errors.length > 0 || undefined}
              aria-describedby={errors.length ? `${id}-error` : undefined}
            />
            <button type="submit" className="button secondary small" disabled={save.isPending}>
              Save<span className="sr-only"> time zone of {unit.name}</span>
            </button>
            <span role="status" className="small muted">
              {saved ? "Saved." : ""}
            </span>
            <FieldMessage id={`${id}-error`} errors={errors} />
            {save.error && errors.length === 0 && <ProblemBanner error={save.error} />}
          </form>
        ) : (
          <span>{unit.timeZone ?? "The organisation's"}</span>
        )}
      </td>
    </tr>
  );
}

function UnitZones({ canChange }: { canChange: boolean }) {
  const list = usePagedList(unitsQuery);
  const units = list.items;
  return (
    <section className="panel" aria-labelledby="units-heading" data-testid="unit-zones">
      <h2 id="units-heading">Time zones of units</h2>
      <p className="muted small">For customers whose own time zone is unknown, quiet hours follow their unit's. Leave it empty to follow the organisation's.</p>
      <ProblemBanner error={list.problem} />
      {units === null && !list.problem && <Loading>Loading units…</Loading>}
      {units?.length === 0 && <p data-testid="units-empty">No units yet. They appear here as interactions name them (the unit field).</p>}
      {units && units.length > 0 && (
        <ScrollRegion label="Units and their time zones">
          <table className="table stack-narrow">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Time zone</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <UnitRow key={u.id} unit={u} canChange={canChange} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <datalist id="zone-names">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <LoadMore list={list} label="Show more units" />
    </section>
  );
}

export function ContactRulesPage() {
  const { me } = useSession();
  const allowed = me.role === "admin" || me.role === "manager";
  const { data, error } = useQuery({ ...contactRulesQuery, enabled: allowed });
  if (!allowed) {
    return (
      <>
        <PageHeading title="Contact rules">Contact rules</PageHeading>
        <p>This page needs the admin or manager role; you are signed in as {me.role}.</p>
      </>
    );
  }
  const canChange = me.role === "admin";
  return (
    <>
      <PageHeading title="Contact rules">Contact rules</PageHeading>
      <p className="muted">How often one customer may be asked for feedback, and when nothing is sent. They hold for every survey and every rule.</p>
      <ProblemBanner error={error} />
      {!data && !error && <Loading>Loading contact rules…</Loading>}
      {/* The form keeps what is typed: only the first answer seeds it. */}
      {data && <ContactRulesForm rules={data} canChange={canChange} />}
      <UnitZones canChange={canChange} />
    </>
  );
}
