// Distribution rules of one survey: which interactions send it, how long after, and for how long it stays open.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { keys, rulesQuery, write, type Rule } from "../queries";
import { Loading, Notice, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";

const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

// An empty box goes out as NaN, which JSON writes as null, so the server asks for it rather than Number("") quietly becoming 0.
const asNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export function formatDelay(minutes: number): string {
  if (minutes === 0) return "straight after the interaction";
  const unit = minutes % 1440 === 0 ? [minutes / 1440, "day"] : minutes % 60 === 0 ? [minutes / 60, "hour"] : [minutes, "minute"];
  const [n, word] = unit as [number, string];
  return `${n} ${word}${n === 1 ? "" : "s"} after the interaction`;
}

function RuleItem({ rule }: { rule: Rule }) {
  const types = rule.match.types?.join(", ") || "any type";
  const channels = rule.match.channels?.join(", ") || "any channel";
  return (
    <li className="rule" data-testid="rule">
      <p>
        <strong>{types}</strong> via <strong>{channels}</strong>
        {!rule.active && <span className="badge badge-muted">Paused</span>}
      </p>
      <p className="muted small">
        Sent {formatDelay(rule.delayMinutes)} · link expires after {rule.expiresAfterDays} day{rule.expiresAfterDays === 1 ? "" : "s"}
      </p>
    </li>
  );
}

export function RulesPanel({ surveyId, editable }: { surveyId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const list = usePagedList(rulesQuery(surveyId));
  const { items: rules, problem: loadError } = list;
  const [types, setTypes] = useState("");
  const [channels, setChannels] = useState("");
  const [delay, setDelay] = useState("60");
  const [expiry, setExpiry] = useState("7");
  const [notice, setNotice] = useState("");
  const addRule = useMutation({
    mutationFn: (body: Parameters<typeof write.addRule>[1]) => write.addRule(surveyId, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.rules(surveyId) });
      setTypes("");
      setChannels("");
      setNotice("Rule added.");
    },
  });
  const saveError = addRule.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice("");
    const match: { types?: string[]; channels?: string[] } = {};
    if (splitList(types).length) match.types = splitList(types);
    if (splitList(channels).length) match.channels = splitList(channels);
    addRule.mutate({ match, delayMinutes: asNumber(delay), expiresAfterDays: asNumber(expiry) });
  };

  const typesErrors = fieldErrorsAt(saveError, "/match/types");
  const channelsErrors = fieldErrorsAt(saveError, "/match/channels");
  const delayErrors = fieldErrorsAt(saveError, "/delayMinutes");
  const expiryErrors = fieldErrorsAt(saveError, "/expiresAfterDays");

  return (
    <section className="panel" aria-labelledby="rules-heading" data-testid="rules-panel">
      <h2 id="rules-heading">Distribution rules</h2>
      <p className="muted small">Interactions that match a rule get this survey by email, using the latest published version.</p>
      <ProblemBanner error={loadError} />
      {rules === null && !loadError && <Loading>Loading rules…</Loading>}
      {rules?.length === 0 && <p data-testid="rules-empty">No rules yet: this survey is not sent automatically.</p>}
      {rules && rules.length > 0 && (
        <ul className="rules" aria-label="Rules">
          {rules.map((rule) => (
            <RuleItem key={rule.id} rule={rule} />
          ))}
        </ul>
      )}
      <LoadMore list={list} label="Show more rules" />

      {editable && (
        <form className="rule-form" onSubmit={submit} noValidate>
          <h3>Add a rule</h3>
          <ProblemBanner error={saveError} />
          <div className="form-grid">
            <FormField id="rule-types" label="Interaction types" hint="Comma-separated. Empty means any type." errors={typesErrors}>
              {(control) => <input {...control} value={types} onChange={(e) => setTypes(e.target.value)} placeholder="complaint, enquiry" />}
            </FormField>
            <FormField id="rule-channels" label="Channels" hint="Comma-separated. Empty means any channel." errors={channelsErrors}>
              {(control) => <input {...control} value={channels} onChange={(e) => setChannels(e.target.value)} placeholder="email, phone, counter" />}
            </FormField>
            <FormField id="rule-delay" label="Delay (minutes)" errors={delayErrors}>
              {(control) => <input {...control} type="number" inputMode="numeric" min={0} step={1} value={delay} onChange={(e) => setDelay(e.target.value)} />}
            </FormField>
            <FormField id="rule-expiry" label="Expires after (days)" errors={expiryErrors}>
              {(control) => <input {...control} type="number" inputMode="numeric" min={1} step={1} value={expiry} onChange={(e) => setExpiry(e.target.value)} />}
            </FormField>
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={addRule.isPending}>
              {addRule.isPending ? "Adding…" : "Add rule"}
            </button>
            {notice && <Notice>{notice}</Notice>}
          </div>
        </form>
      )}
    </section>
  );
}
