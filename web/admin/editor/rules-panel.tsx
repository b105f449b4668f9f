// Distribution rules of one survey: each in a plain sentence, paused, resumed, edited or deleted, and the form.
import "./rules.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { keys, rulesQuery, type Rule } from "../queries";
import { ruleWrites } from "../rules-queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, ProblemBanner } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { RuleForm } from "./rule-form";
import { ruleSummary } from "./rule-summary";

function RuleItem({ rule, editable, busy, onEdit, onPause, onDelete }: { rule: Rule; editable: boolean; busy: boolean; onEdit: () => void; onPause: () => void; onDelete: () => void }) {
  const summary = ruleSummary(rule);
  return (
    <li className="rule" data-testid="rule" data-active={rule.active}>
      <div className="rule-head">
        <p className="rule-summary">
          {summary}
          {!rule.active && <span className="badge badge-muted">Paused</span>}
        </p>
        {editable && (
          <div className="rule-actions">
            <button type="button" className="button secondary small" onClick={onEdit}>
              Edit<span className="sr-only"> rule: {summary}</span>
            </button>
            <button type="button" className="button secondary small" onClick={onPause} disabled={busy}>
              {rule.active ? "Pause" : "Resume"}
              <span className="sr-only"> rule: {summary}</span>
            </button>
            <button type="button" className="button secondary small danger-text" onClick={onDelete}>
              Delete<span className="sr-only"> rule: {summary}</span>
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

export function RulesPanel({ surveyId, editable }: { surveyId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const list = usePagedList(rulesQuery(surveyId));
  const { items: rules, problem: loadError } = list;
  const [editing, setEditing] = useState<Rule | null>(null);
  const [notice, setNotice] = useState("");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  // After saving or leaving an edit the form starts again empty; the keyboard goes back to its heading.
  const [refocus, setRefocus] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [deleted, setDeleted] = useState(false);
  // The rule's buttons went with it: once the dialog has closed, the keyboard carries on from the panel's heading.
  useEffect(() => {
    if (!deleted || confirm) return;
    headingRef.current?.focus();
    setDeleted(false);
  }, [deleted, confirm]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.rules(surveyId) });

  const pause = useMutation({
    mutationFn: (rule: Rule) => ruleWrites.change(surveyId, rule.id, { active: !rule.active }),
    onMutate: () => setNotice(""),
    onSuccess: async (rule) => {
      await refresh();
      setNotice(rule.active ? "Rule resumed: it invites again from the next interaction." : "Rule paused: it invites nobody until you resume it. Invitations already scheduled are still sent.");
    },
  });
  const remove = useMutation({
    mutationFn: (rule: Rule) => ruleWrites.remove(surveyId, rule.id),
    onMutate: () => setNotice(""),
    onSuccess: async (_, rule) => {
      if (editing?.id === rule.id) setEditing(null);
      await refresh();
      setNotice("Rule deleted. Invitations it had already scheduled are still sent.");
      setDeleted(true);
    },
  });

  const askDelete = (rule: Rule) =>
    setConfirm({
      title: "Delete this rule?",
      body: (
        <>
          <p>
            <strong>{ruleSummary(rule)}</strong>
          </p>
          <p>It stops inviting at once. Invitations it has already scheduled are still sent, and its figures stay in the funnel.</p>
        </>
      ),
      action: "Delete rule",
      run: async () => {
        await remove.mutateAsync(rule).catch(() => undefined);
      },
    });

  return (
    <section className="panel rules-panel" aria-labelledby="rules-heading" data-testid="rules-panel">
      <h2 id="rules-heading" ref={headingRef} tabIndex={-1}>
        Distribution rules
      </h2>
      <p className="muted small">Interactions that match a rule get this survey by email, using the latest published version, within the organisation's contact rules.</p>
      <ProblemBanner error={loadError ?? pause.error ?? remove.error} />
      {rules === null && !loadError && <Loading>Loading rules…</Loading>}
      {rules?.length === 0 && <p data-testid="rules-empty">No rules yet: this survey is not sent automatically.</p>}
      {rules && rules.length > 0 && (
        <ul className="rules" aria-label="Rules">
          {rules.map((rule) => (
            <RuleItem
              key={rule.id}
              rule={rule}
              editable={editable}
              busy={pause.isPending}
              onEdit={() => {
                setNotice("");
                setEditing(rule);
              }}
              onPause={() => pause.mutate(rule)}
              onDelete={() => askDelete(rule)}
            />
          ))}
        </ul>
      )}
      <LoadMore list={list} label="Show more rules" />
      {notice && <Notice>{notice}</Notice>}

      {editable && (
        <RuleForm
          key={editing?.id ?? "new"}
          surveyId={surveyId}
          editing={editing}
          focusOnMount={refocus}
          onDone={(message) => {
            setRefocus(editing !== null);
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
