// /settings/cases: which answers open a follow-up case, who owns it, and how long each priority has (the SLA).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { caseKeys, caseSettingsQuery, saveCaseSettings, type CasePriority, type CaseSettings } from "../cases-queries";
import { priorities, priorityWords } from "../cases/parts";
import { themesQuery } from "../comments-queries";
import { useSession } from "../session";
import { Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import "../cases/cases.css";

type Rule = CaseSettings["rules"][number];
type Sla = CaseSettings["sla"][CasePriority];

const ruleWords: Record<Rule["kind"], { title: string; threshold?: string; hint?: string }> = {
  "nps-detractor": { title: "A detractor (NPS)", threshold: "Opens at a score of at most", hint: "On the 0 to 10 scale; 6 or less is a detractor." },
  "csat-low": { title: "A low satisfaction rating (CSAT)", threshold: "Opens at a rating of at most", hint: "On the 1 to 5 scale." },
  "dimension-low": { title: "A low rating of a service dimension", threshold: "Opens at or below this share of the scale", hint: "From 0 to 1: 0.25 is the bottom quarter of the scale." },
  "complaint-theme": { title: "A comment on a complaint theme" },
};

const dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const minuteOf = (value: string) => {
  const [h, m] = value.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const defaultWorking = { startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] };

function RuleFields({ rule, index, themes, onChange, error }: { rule: Rule; index: number; themes: string[]; onChange: (next: Rule) => void; error: unknown }) {
  const words = ruleWords[rule.kind];
  const id = `rule-${index}`;
  return (
    <fieldset data-testid="case-rule">
      <legend>{words.title}</legend>
      <label className="check">
        <input type="checkbox" checked={rule.enabled} onChange={(e) => onChange({ ...rule, enabled: e.target.checked })} />
        Open a case for this
      </label>
      <div className="form-grid">
        {rule.kind !== "complaint-theme" && (
          <FormField id={`${id}-at-most`} label={words.threshold} hint={words.hint} errors={fieldErrorsAt(error, `/rules/${index}/atMost`)}>
            {(control) => (
              <input
                {...control}
                type="number"
                step={rule.kind === "dimension-low" ? 0.05 : 1}
                value={rule.atMost}
                onChange={(e) => onChange({ ...rule, atMost: e.target.valueAsNumber })}
              />
            )}
          </FormField>
        )}
        <FormField id={`${id}-priority`} label="Priority of the case" errors={fieldErrorsAt(error, `/rules/${index}/priority`)}>
          {(control) => (
            <select {...control} value={rule.priority} onChange={(e) => onChange({ ...rule, priority: e.target.value as CasePriority })}>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {priorityWords[p]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {rule.kind === "complaint-theme" && (
        <fieldset className="day-picks">
          <legend className="small">Themes that open a case</legend>
          {themes.length === 0 && <p className="muted small">There are no comment themes yet. An admin sets them up under Comment themes.</p>}
          {themes.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                checked={rule.themes.includes(t)}
                onChange={(e) => onChange({ ...rule, themes: e.target.checked ? [...rule.themes, t] : rule.themes.filter((x) => x !== t) })}
              />
              {t}
            </label>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}

function SlaFields({ priority, sla, onChange, error }: { priority: CasePriority; sla: Sla; onChange: (next: Sla) => void; error: unknown }) {
  const id = `sla-${priority}`;
  const w = sla.working;
  return (
    <fieldset data-testid="case-sla">
      <legend>{priorityWords[priority]} priority</legend>
      <FormField id={`${id}-hours`} label="Follow up within (hours)" errors={fieldErrorsAt(error, `/sla/${priority}/hours`)}>
        {(control) => <input {...control} type="number" min={1} step={1} value={sla.hours} onChange={(e) => onChange({ ...sla, hours: e.target.valueAsNumber })} />}
      </FormField>
      <label className="check">
        <input type="checkbox" checked={!!w} onChange={(e) => onChange({ ...sla, working: e.target.checked ? defaultWorking : undefined })} />
        Count only working hours
      </label>
      {w && (
        <>
          <div className="form-grid">
            <FormField id={`${id}-start`} label="Working day starts" errors={fieldErrorsAt(error, `/sla/${priority}/working/startMinute`)}>
              {(control) => <input {...control} type="time" value={clock(w.startMinute)} onChange={(e) => onChange({ ...sla, working: { ...w, startMinute: minuteOf(e.target.value) } })} />}
            </FormField>
            <FormField id={`${id}-end`} label="Working day ends" errors={fieldErrorsAt(error, `/sla/${priority}/working/endMinute`)}>
              {(control) => (
                <input {...control} type="time" value={clock(Math.min(w.endMinute, 1439))} onChange={(e) => onChange({ ...sla, working: { ...w, endMinute: minuteOf(e.target.value) } })} />
              )}
            </FormField>
          </div>
          <fieldset className="day-picks">
            <legend className="small">Working days</legend>
            {dayNames.map((name, i) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={w.days.includes(i + 1)}
                  onChange={(e) => onChange({ ...sla, working: { ...w, days: e.target.checked ? [...w.days, i + 1].sort() : w.days.filter((d) => d !== i + 1) } })}
                />
                {name}
              </label>
            ))}
          </fieldset>
        </>
      )}
    </fieldset>
  );
}

export function CaseSettingsPage(): ReactNode {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const reads = me.role === "admin" || me.role === "manager" || me.role === "reviewer";
  const edits = me.role === "admin" || me.role === "manager";
  const settings = useQuery({ ...caseSettingsQuery, enabled: reads });
  const themes = useQuery({ ...themesQuery, enabled: reads });
  const [draft, setDraft] = useState<CaseSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);
  const save = useMutation({
    mutationFn: saveCaseSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(caseKeys.settings, next);
      setDraft(next);
      setSaved(true);
    },
  });
  const heading = <PageHeading title="Follow-up case settings">Follow-up case settings</PageHeading>;
  const back = (
    <p className="breadcrumb">
      <Link to="/settings">← Back to settings</Link>
    </p>
  );
  if (!reads) {
    return (
      <>
        {back}
        {heading}
        <p>These settings are for managers, reviewers and admins. Your cases are under <Link to="/cases">Cases</Link>.</p>
      </>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    save.mutate(draft);
  };
  const change = (next: CaseSettings) => {
    setSaved(false);
    setDraft(next);
  };
  const themeNames = themes.data?.themes.map((t) => t.name) ?? [];
  return (
    <>
      {back}
      {heading}
      <p className="muted">Which answers open a case by themselves, who owns a new case, and how long each priority has before it is overdue and goes to the unit's managers.</p>
      {!edits && <p className="notice">You can read these settings; a manager or an admin changes them.</p>}
      <ProblemBanner error={settings.error} />
      {!draft && !settings.error && <Loading>Loading the settings…</Loading>}
      {draft && (
        <form onSubmit={submit} noValidate className="case-settings" data-testid="case-settings-form">
          {/* A disabled fieldset makes every control read-only at once for someone who may only read. */}
          <fieldset disabled={!edits} className="plain-fieldset">
            <legend className="sr-only">Case settings</legend>
            <h2>What opens a case</h2>
            {draft.rules.map((rule, i) => (
              <RuleFields
                key={rule.kind}
                rule={rule}
                index={i}
                themes={themeNames}
                error={save.error}
                onChange={(next) => change({ ...draft, rules: draft.rules.map((r, j) => (j === i ? next : r)) })}
              />
            ))}
            <h2>Who owns a new case</h2>
            <fieldset data-testid="case-owner-rule">
              <legend>Owner</legend>
              <label className="check">
                <input type="radio" name="case-owner" value="agent-then-manager" checked={draft.owner === "agent-then-manager"} onChange={() => change({ ...draft, owner: "agent-then-manager" })} />
                The staff member on the interaction, or the unit's manager when they have no account
              </label>
              <label className="check">
                <input type="radio" name="case-owner" value="unit-manager" checked={draft.owner === "unit-manager"} onChange={() => change({ ...draft, owner: "unit-manager" })} />
                Always the unit's manager
              </label>
            </fieldset>
            <h2>Time to follow up, by priority</h2>
            {priorities.map((p) => (
              <SlaFields key={p} priority={p} sla={draft.sla[p]} error={save.error} onChange={(next) => change({ ...draft, sla: { ...draft.sla, [p]: next } })} />
            ))}
          </fieldset>
          {edits && (
            <div className="actions">
              <button type="submit" className="button" disabled={save.isPending}>
                Save the settings
              </button>
              {saved && !save.isPending && <Notice>Saved. New answers follow these settings; open cases keep their due times.</Notice>}
            </div>
          )}
          <ProblemBanner error={save.error} />
        </form>
      )}
    </>
  );
}
