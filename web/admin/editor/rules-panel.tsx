// Distribution rules of one survey: which interactions send it, how long after, and for how long it stays open.
import { useState, type FormEvent } from "react";
import { api } from "../../shared/api";
import type { Rule } from "../api-types";
import { FieldMessage, Loading, Notice, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";

const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

// An empty box is sent as null so the server asks for it, rather than Number("") quietly becoming 0.
const asNumber = (text: string) => (text.trim() === "" ? null : Number(text));

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
  const list = usePagedList<Rule>(`/api/surveys/${encodeURIComponent(surveyId)}/rules`);
  const { items: rules, setItems: setRules, problem: loadError } = list;
  const [types, setTypes] = useState("");
  const [channels, setChannels] = useState("");
  const [delay, setDelay] = useState("60");
  const [expiry, setExpiry] = useState("7");
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    setNotice("");
    const match: { types?: string[]; channels?: string[] } = {};
    if (splitList(types).length) match.types = splitList(types);
    if (splitList(channels).length) match.channels = splitList(channels);
    try {
      const rule = await api.post<Rule>(`/api/surveys/${encodeURIComponent(surveyId)}/rules`, {
        match,
        delayMinutes: asNumber(delay),
        expiresAfterDays: asNumber(expiry),
      });
      // Newest first, as the list comes from the server.
      setRules((list) => [rule, ...(list ?? [])]);
      setTypes("");
      setChannels("");
      setNotice("Rule added.");
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
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
            <div className="field">
              <label htmlFor="rule-types">Interaction types</label>
              <input
                id="rule-types"
                value={types}
                onChange={(e) => setTypes(e.target.value)}
                placeholder="complaint, enquiry"
                aria-describedby="rule-types-hint rule-types-error"
                aria-invalid={typesErrors.length > 0 || undefined}
              />
              <p id="rule-types-hint" className="hint">
                Comma-separated. Empty means any type.
              </p>
              <FieldMessage id="rule-types-error" errors={typesErrors} />
            </div>
            <div className="field">
              <label htmlFor="rule-channels">Channels</label>
              <input
                id="rule-channels"
                value={channels}
                onChange={(e) => setChannels(e.target.value)}
                placeholder="email, phone, counter"
                aria-describedby="rule-channels-hint rule-channels-error"
                aria-invalid={channelsErrors.length > 0 || undefined}
              />
              <p id="rule-channels-hint" className="hint">
                Comma-separated. Empty means any channel.
              </p>
              <FieldMessage id="rule-channels-error" errors={channelsErrors} />
            </div>
            <div className="field">
              <label htmlFor="rule-delay">Delay (minutes)</label>
              <input
                id="rule-delay"
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={delay}
                onChange={(e) => setDelay(e.target.value)}
                aria-describedby="rule-delay-error"
                aria-invalid={delayErrors.length > 0 || undefined}
              />
              <FieldMessage id="rule-delay-error" errors={delayErrors} />
            </div>
            <div className="field">
              <label htmlFor="rule-expiry">Expires after (days)</label>
              <input
                id="rule-expiry"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
                aria-describedby="rule-expiry-error"
                aria-invalid={expiryErrors.length > 0 || undefined}
              />
              <FieldMessage id="rule-expiry-error" errors={expiryErrors} />
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={saving}>
              {saving ? "Adding…" : "Add rule"}
            </button>
            {notice && <Notice>{notice}</Notice>}
          </div>
        </form>
      )}
    </section>
  );
}
