// The form that adds or edits a distribution rule: pickers fed by the values interactions have used, attribute
// conditions, timing, sampling, reminders and contact gap, and a dry run over the last 30 days before saving.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { attributeOperators, type AttributeCondition } from "../../../server/domain/attribute-conditions";
import { keys, write, type Rule } from "../queries";
import { ruleWrites, seenValuesQuery, type DryRun, type RuleBody, type SeenValues } from "../rules-queries";
import { FieldMessage, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { orList } from "./rule-summary";

type Op = AttributeCondition["op"];
type ConditionDraft = { key: number; name: string; op: Op; value: string };
type Draft = {
  types: string[];
  channels: string[];
  units: string[];
  conditions: ConditionDraft[];
  delay: string;
  expiry: string;
  sample: string;
  reminder1: string;
  reminder2: string;
  ownGap: boolean;
  gap: string;
};
type Seen = SeenValues["types"];

let nextKey = 0;
const emptyDraft = (): Draft => ({ types: [], channels: [], units: [], conditions: [], delay: "60", expiry: "7", sample: "100", reminder1: "", reminder2: "", ownGap: false, gap: "30" });

function draftOf(rule: Rule): Draft {
  return {
    types: rule.match.types,
    channels: rule.match.channels,
    units: rule.match.units,
    conditions: rule.match.attributes.map((c) => ({ key: nextKey++, name: c.key, op: c.op, value: Array.isArray(c.value) ? c.value.join(", ") : String(c.value) })),
    delay: String(rule.delayMinutes),
    expiry: String(rule.expiresAfterDays),
    sample: String(rule.samplePercent),
    reminder1: rule.reminderDays[0] === undefined ? "" : String(rule.reminderDays[0]),
    reminder2: rule.reminderDays[1] === undefined ? "" : String(rule.reminderDays[1]),
    ownGap: rule.contactGapDays !== null,
    gap: String(rule.contactGapDays ?? 30),
  };
}

// An empty box goes out as NaN, which JSON writes as null, so the server asks for it rather than Number("") quietly becoming 0.
const asNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function conditionValue(c: ConditionDraft): AttributeCondition["value"] {
  const text = c.value.trim();
  if (c.op === "is-one-of") return c.value.split(",").map((v) => v.trim()).filter(Boolean);
  // Text compares with numbers by its written form, so only the comparisons need a number.
  if ((c.op === "at-least" || c.op === "at-most") && text !== "" && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function bodyOf(d: Draft): RuleBody {
  const match: NonNullable<RuleBody["match"]> = {};
  if (d.types.length) match.types = d.types;
  if (d.channels.length) match.channels = d.channels;
  if (d.units.length) match.units = d.units;
  if (d.conditions.length) match.attributes = d.conditions.map((c) => ({ key: c.name, op: c.op, value: conditionValue(c) }));
  // The second reminder counts from the first, so it means nothing without one.
  const reminders = d.reminder1.trim() === "" ? [] : d.reminder2.trim() === "" ? [d.reminder1] : [d.reminder1, d.reminder2];
  return {
    match,
    delayMinutes: asNumber(d.delay),
    expiresAfterDays: asNumber(d.expiry),
    samplePercent: asNumber(d.sample),
    reminderDays: reminders.map(asNumber),
    contactGapDays: d.ownGap ? asNumber(d.gap) : null,
  };
}

/** Says, while typing, which reminder would go once the link has closed; the server refuses the same. */
function reminderWarning(d: Draft): string | null {
  const expiry = Number(d.expiry);
  const first = Number(d.reminder1);
  const second = Number(d.reminder2);
  if (d.expiry.trim() === "" || !Number.isFinite(expiry) || d.reminder1.trim() === "" || !Number.isFinite(first)) return null;
  if (first >= expiry) return `The first reminder would go ${first} days after the invitation, but the link closes after ${expiry}.`;
  if (d.reminder2.trim() !== "" && Number.isFinite(second) && first + second >= expiry) {
    return `The second reminder would go ${first + second} days after the invitation (${first} + ${second}), but the link closes after ${expiry}.`;
  }
  return null;
}

const operatorLabels: Record<Op, string> = { is: "is", "is-not": "is not", "at-least": "is at least", "at-most": "is at most", "is-one-of": "is one of" };

const SUGGESTIONS = 6;

function ValuePicker(props: { id: string; label: string; noun: string; values: string[]; onChange: (next: string[]) => void; seen: Seen | undefined; errorPath: string; error: unknown }) {
  const { id, label, noun, values, onChange, seen, errorPath, error } = props;
  const [text, setText] = useState("");
  const errors = fieldErrorsAt(error, errorPath);
  const has = (list: string[], v: string) => list.some((x) => x.toLowerCase() === v.toLowerCase());
  const add = (words: string[]) => {
    const fresh = words.map((w) => w.trim()).filter((w) => w && !has(values, w));
    if (fresh.length) onChange([...values, ...fresh.filter((w, i) => !has(fresh.slice(0, i), w))]);
    setText("");
  };
  const seenValues = seen?.map((s) => s.value) ?? [];
  const unseen = seen ? values.filter((v) => !has(seenValues, v)) : [];
  const suggestions = (seen ?? []).filter((s) => !has(values, s.value)).slice(0, SUGGESTIONS);
  const describedBy = [`${id}-hint`, unseen.length ? `${id}-warn` : "", errors.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field value-picker" data-testid={`picker-${id}`}>
      <label htmlFor={id}>{label}</label>
      {values.length > 0 && (
        <ul className="keyword-chips" aria-label={`${label} chosen`}>
          {values.map((v) => (
            <li key={v} className="badge theme-chip">
              {v}
              <button type="button" className="chip-remove" aria-label={`Remove ${noun} “${v}”`} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="picker-row">
        <input
          id={id}
          list={`${id}-seen`}
          value={text}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(text.split(","));
            }
          }}
          aria-describedby={describedBy}
          aria-invalid={errors.length > 0 || undefined}
        />
        <button type="button" className="button secondary" onClick={() => add(text.split(","))}>
          Add<span className="sr-only"> {noun}</span>
        </button>
      </div>
      <datalist id={`${id}-seen`}>
        {(seen ?? []).map((s) => (
          <option key={s.value} value={s.value} label={`${s.count} interaction${s.count === 1 ? "" : "s"}`} />
        ))}
      </datalist>
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label={`${label} seen in interactions`}>
          {suggestions.map((s) => (
            <li key={s.value}>
              <button type="button" className="suggestion" onClick={() => add([s.value])}>
                <span aria-hidden="true">+ </span>
                {s.value} <span className="suggestion-count">({s.count})</span>
                <span className="sr-only"> interactions; add it</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p id={`${id}-hint`} className="hint">
        {values.length ? `Any of these ${noun}s, in any case.` : `None chosen: any ${noun}.`} Type a new one and press Enter, or pick one seen.
      </p>
      {unseen.length > 0 && (
        <p id={`${id}-warn`} className="warn-text small" data-testid="unseen-warning">
          No interaction has used {orList(unseen.map((v) => `“${v}”`), "or")} yet. Check the spelling; it still applies to interactions to come.
        </p>
      )}
      <FieldMessage id={`${id}-error`} errors={errors} />
    </div>
  );
}

function ConditionsEditor({ conditions, onChange, seenKeys, error }: { conditions: ConditionDraft[]; onChange: (next: ConditionDraft[]) => void; seenKeys: Seen | undefined; error: unknown }) {
  const update = (key: number, next: Partial<ConditionDraft> | null) =>
    onChange(conditions.flatMap((c) => (c.key !== key ? [c] : next ? [{ ...c, ...next }] : [])));
  const known = new Set((seenKeys ?? []).map((k) => k.value.toLowerCase()));
  return (
    <fieldset className="form-section conditions" data-testid="conditions">
      <legend>Attribute conditions</legend>
      <p className="hint">All must hold. An interaction without the attribute fails every condition but “is not”.</p>
      <datalist id="condition-keys">
        {(seenKeys ?? []).map((k) => (
          <option key={k.value} value={k.value} label={`${k.count} interaction${k.count === 1 ? "" : "s"}`} />
        ))}
      </datalist>
      {conditions.map((c, i) => {
        const at = `/match/attributes/${i}`;
        const nameErrors = fieldErrorsAt(error, `${at}/key`);
        const valueErrors = [...fieldErrorsAt(error, `${at}/op`), ...fieldErrorsAt(error, `${at}/value`)];
        const id = `condition-${c.key}`;
        const unseen = seenKeys && c.name.trim() !== "" && !known.has(c.name.trim().toLowerCase());
        return (
          <div className="condition-row" key={c.key} data-testid="condition">
            <FormField id={`${id}-key`} label={`Attribute ${i + 1}`} errors={nameErrors} hint={unseen ? "No interaction has sent this attribute yet." : undefined}>
              {(control) => <input {...control} list="condition-keys" value={c.name} autoComplete="off" onChange={(e) => update(c.key, { name: e.target.value })} />}
            </FormField>
            <FormField id={`${id}-op`} label="Comparison">
              {(control) => (
                <select {...control} value={c.op} onChange={(e) => update(c.key, { op: e.target.value as Op })}>
                  {attributeOperators.map((op) => (
                    <option key={op} value={op}>
                      {operatorLabels[op]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={`${id}-value`} label="Value" hint={c.op === "is-one-of" ? "Separate values with commas." : undefined} errors={valueErrors}>
              {(control) => (
                <input
                  {...control}
                  value={c.value}
                  inputMode={c.op === "at-least" || c.op === "at-most" ? "decimal" : undefined}
                  onChange={(e) => update(c.key, { value: e.target.value })}
                />
              )}
            </FormField>
            <button type="button" className="button secondary small condition-remove" onClick={() => update(c.key, null)}>
              Remove<span className="sr-only"> attribute condition {i + 1}</span>
            </button>
          </div>
        );
      })}
      <FieldMessage id="conditions-error" errors={fieldErrorsAt(error, "/match/attributes").filter((e) => e.path === "/match/attributes")} />
      <button type="button" className="button secondary small" disabled={conditions.length >= 10} onClick={() => onChange([...conditions, { key: nextKey++, name: "", op: "is", value: "" }])}>
        Add a condition
      </button>
    </fieldset>
  );
}

const reasonLabels: Record<DryRun["notSurveyed"][number]["reason"], string> = {
  type: "another interaction type",
  channel: "another channel",
  unit: "another unit",
  attributes: "an attribute condition did not hold",
  suppressed: "the customer unsubscribed or cannot be emailed",
  "sampled-out": "the customer was outside the sample",
  "too-late": "too late to send",
  "held-contact": "held by contact rules: surveyed recently, or due to be",
};

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
type Example = DryRun["surveyed"]["examples"][number];
const exampleList = (list: Example[]) => list.map((e) => `${e.externalId} (${dayFormat.format(new Date(e.occurredAt))})`).join(", ");
const count = new Intl.NumberFormat();

function DryRunResult({ run, stale, samplePercent }: { run: DryRun; stale: boolean; samplePercent: number }) {
  const others = run.notSurveyed.filter((r) => r.count > 0);
  const examples = (list: Example[]) => list.length > 0 && <span className="muted"> — for example {exampleList(list)}</span>;
  return (
    <section className="dry-run" aria-labelledby="dry-run-heading" data-testid="dry-run">
      <h4 id="dry-run-heading">
        With this rule, from {dayFormat.format(new Date(run.from))} to {dayFormat.format(new Date(run.to))}
      </h4>
      {stale && <p className="banner banner-warn">You have changed the rule since this try. Try it again to see the effect of your changes.</p>}
      {run.interactions === 0 ? (
        <p>No interactions arrived in the last 30 days, so there is nothing to try the rule on yet.</p>
      ) : (
        <>
          <p data-testid="dry-run-summary">
            <strong>
              {count.format(run.surveyed.count)} of {count.format(run.interactions)}
            </strong>{" "}
            interaction{run.interactions === 1 ? "" : "s"} would have been surveyed
            {run.surveyed.reminders > 0 && `, with ${count.format(run.surveyed.reminders)} reminder${run.surveyed.reminders === 1 ? "" : "s"}`}.
          </p>
          {run.surveyed.examples.length > 0 && <p className="small muted">For example {exampleList(run.surveyed.examples)}.</p>}
          {others.length > 0 && (
            <>
              <p className="small">The others were not, because of:</p>
              <ul className="dry-run-reasons" data-testid="dry-run-reasons">
                {others.map((r) => (
                  <li key={r.reason} data-reason={r.reason}>
                    <strong>{count.format(r.count)}</strong> {reasonLabels[r.reason]}
                    {examples(r.examples)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {run.sampling === "estimate" && samplePercent < 100 && (
        <p className="hint">Sampling here is an estimate: once saved, the rule picks its own customers, in about the same share.</p>
      )}
    </section>
  );
}

type FormProps = { surveyId: string; editing: Rule | null; focusOnMount?: boolean; onDone: (message: string) => void };

export function RuleForm({ surveyId, editing, focusOnMount = false, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const seen = useQuery(seenValuesQuery).data;
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftOf(editing) : emptyDraft()));
  const [tried, setTried] = useState<{ run: DryRun; body: string } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const gapId = useId();

  useEffect(() => {
    if (editing || focusOnMount) headingRef.current?.focus();
  }, [editing, focusOnMount]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const body = bodyOf(draft);
  const bodyText = JSON.stringify(body);

  const save = useMutation({
    mutationFn: (b: RuleBody) => (editing ? ruleWrites.change(surveyId, editing.id, b) : write.addRule(surveyId, b)),
    onMutate: () => setProblem(null),
    onError: setProblem,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.rules(surveyId) });
      setDraft(emptyDraft());
      setTried(null);
      onDone(editing ? "Changes saved. Invitations already scheduled keep the rule as it was." : "Rule added.");
    },
  });
  const tryIt = useMutation({
    mutationFn: (b: RuleBody) => ruleWrites.dryRun(surveyId, b, editing?.id),
    onMutate: () => setProblem(null),
    onError: setProblem,
    onSuccess: (run, b) => setTried({ run, body: JSON.stringify(b) }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(body);
  };

  const warning = reminderWarning(draft);
  const busy = save.isPending || tryIt.isPending;
  return (
    <form className="rule-form" onSubmit={submit} noValidate aria-labelledby="rule-form-heading" data-testid="rule-form">
      <h3 id="rule-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? "Edit rule" : "Add a rule"}
      </h3>
      <p className="muted small rules-note" data-testid="rules-note">
        A rule is read when an interaction arrives: changing, pausing or deleting it applies to interactions from then on, and never changes invitations already scheduled.
      </p>
      <ProblemBanner error={problem} />
      <div className="form-grid">
        <ValuePicker id="rule-types" label="Interaction types" noun="type" values={draft.types} onChange={(v) => set("types", v)} seen={seen?.types} errorPath="/match/types" error={problem} />
        <ValuePicker id="rule-channels" label="Channels" noun="channel" values={draft.channels} onChange={(v) => set("channels", v)} seen={seen?.channels} errorPath="/match/channels" error={problem} />
        <ValuePicker id="rule-units" label="Units" noun="unit" values={draft.units} onChange={(v) => set("units", v)} seen={seen?.units} errorPath="/match/units" error={problem} />
      </div>
      <ConditionsEditor conditions={draft.conditions} onChange={(v) => set("conditions", v)} seenKeys={seen?.attributeKeys} error={problem} />
      <div className="form-grid">
        <FormField id="rule-delay" label="Delay (minutes)" hint="After the interaction; never during quiet hours." errors={fieldErrorsAt(problem, "/delayMinutes")}>
          {(control) => <input {...control} type="number" inputMode="numeric" min={0} step={1} value={draft.delay} onChange={(e) => set("delay", e.target.value)} />}
        </FormField>
        <FormField id="rule-expiry" label="Expires after (days)" hint="How long the link stays open." errors={fieldErrorsAt(problem, "/expiresAfterDays")}>
          {(control) => <input {...control} type="number" inputMode="numeric" min={1} step={1} value={draft.expiry} onChange={(e) => set("expiry", e.target.value)} />}
        </FormField>
        <FormField id="rule-sample" label="Customers surveyed (%)" hint="The same customer is always in or out." errors={fieldErrorsAt(problem, "/samplePercent")}>
          {(control) => <input {...control} type="number" inputMode="numeric" min={1} max={100} step={1} value={draft.sample} onChange={(e) => set("sample", e.target.value)} />}
        </FormField>
      </div>
      <fieldset className="form-section">
        <legend>Reminders to customers who have not answered</legend>
        <div className="form-grid">
          <FormField id="rule-reminder-1" label="First reminder (days after the invitation)" hint="Leave empty for none." errors={fieldErrorsAt(problem, "/reminderDays/0")}>
            {(control) => <input {...control} type="number" inputMode="numeric" min={1} max={30} step={1} value={draft.reminder1} onChange={(e) => set("reminder1", e.target.value)} />}
          </FormField>
          <FormField id="rule-reminder-2" label="Second reminder (days after the first)" hint={draft.reminder1.trim() === "" ? "Set a first reminder before a second." : "Leave empty for none."} errors={fieldErrorsAt(problem, "/reminderDays/1")}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={30}
                step={1}
                value={draft.reminder2}
                disabled={draft.reminder1.trim() === ""}
                onChange={(e) => set("reminder2", e.target.value)}
              />
            )}
          </FormField>
        </div>
        <p className="hint">Reminders stop as soon as the customer answers, unsubscribes or the link closes.</p>
        {warning && (
          <p className="warn-text small" role="status" data-testid="reminder-warning">
            {warning} Remind sooner, or keep the link open longer.
          </p>
        )}
        <FieldMessage id="rule-reminders-error" errors={fieldErrorsAt(problem, "/reminderDays").filter((e) => e.path === "/reminderDays")} />
      </fieldset>
      <fieldset className="form-section">
        <legend>Surveys to one customer</legend>
        <div className="choice">
          <input type="radio" id={`${gapId}-org`} name={`${gapId}-gap`} checked={!draft.ownGap} onChange={() => set("ownGap", false)} />
          <label htmlFor={`${gapId}-org`}>Follow the organisation's contact rules</label>
        </div>
        <div className="choice">
          <input type="radio" id={`${gapId}-own`} name={`${gapId}-gap`} checked={draft.ownGap} onChange={() => set("ownGap", true)} />
          <label htmlFor={`${gapId}-own`}>A gap of its own</label>
        </div>
        {draft.ownGap && (
          <FormField id="rule-gap" label="Days between two surveys to one customer" hint="0 means no limit for this rule." errors={fieldErrorsAt(problem, "/contactGapDays")}>
            {(control) => <input {...control} type="number" inputMode="numeric" min={0} max={365} step={1} value={draft.gap} onChange={(e) => set("gap", e.target.value)} />}
          </FormField>
        )}
      </fieldset>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy} onClick={() => tryIt.mutate(body)}>
          {tryIt.isPending ? "Trying…" : "Try it on the last 30 days"}
        </button>
        <button type="submit" className="button" disabled={busy}>
          {save.isPending ? "Saving…" : editing ? "Save changes" : "Add rule"}
        </button>
        {editing && (
          <button type="button" className="button secondary" onClick={() => onDone("")}>
            Cancel
          </button>
        )}
      </div>
      <div aria-live="polite">{tried && <DryRunResult run={tried.run} stale={tried.body !== bodyText} samplePercent={body.samplePercent ?? 100} />}</div>
    </form>
  );
}
