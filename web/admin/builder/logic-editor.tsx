// "Show this question always, or only when an earlier answer is …": sets and clears the question's visibleIf.
import { useId, useState } from "react";
import type { JsonObject } from "../editor/survey-json";
import "./builder-parts.css";
import {
  conditionToExpression,
  defaultCondition,
  describeCondition,
  expressionToCondition,
  operatorLabels,
  operatorsFor,
  sourcesBefore,
  visibleIfOf,
  withVisibleIf,
  type Condition,
  type Operator,
  type Source,
  type ValueOption,
} from "./logic";

export type LogicEditorProps = {
  definition: JsonObject;
  /** The question whose visibleIf this edits; conditions can be about the questions before it. */
  questionName: string;
  onChange: (next: JsonObject) => void;
};

const same = (a: unknown, b: unknown) => a === b || (typeof a !== "boolean" && typeof b !== "boolean" && String(a) === String(b));

/** The condition with another operator, its value carried over as far as the new operator allows. */
function withOperator(c: Condition, source: Source, op: Operator): Condition {
  const current = Array.isArray(c.value) ? c.value[0] : c.value;
  if (op === "oneOf") return { ...c, op, value: current === undefined || typeof current === "boolean" ? [] : [current] };
  if (op === "atMost" || op === "atLeast") {
    const number = typeof current === "number" ? current : source.values.find((v) => typeof v.value === "number")?.value;
    return { ...c, op, value: typeof number === "number" ? number : 0 };
  }
  return { ...c, op, value: current ?? source.values[0]?.value ?? "" };
}

/** The source's answers, plus the condition's own value when it is no longer one of them, so it is shown rather than lost. */
function optionsWith(values: ValueOption[], chosen: Condition["value"]): ValueOption[] {
  const wanted = Array.isArray(chosen) ? chosen : [chosen];
  const gone = wanted.filter((w) => !values.some((v) => same(v.value, w)));
  return [...values, ...gone.map((value) => ({ value, label: `${String(value)} (no longer an answer)` }))];
}

export function LogicEditor({ definition, questionName, onChange }: LogicEditorProps) {
  const id = useId();
  const [wantsCondition, setWantsCondition] = useState(false);
  const expression = visibleIfOf(definition, questionName);
  const sources = sourcesBefore(definition, questionName);
  const parsed = expression ? expressionToCondition(expression) : null;
  const source = parsed ? sources.find((s) => s.name === parsed.question) : undefined;
  const condition = parsed && source && operatorsFor(source.kind).includes(parsed.op) ? parsed : null;
  const conditional = expression !== "" || wantsCondition;

  const write = (next: Condition | null) => onChange(withVisibleIf(definition, questionName, next && conditionToExpression(next)));

  const chooseAlways = () => {
    setWantsCondition(false);
    if (expression) write(null);
  };
  const chooseConditional = () => {
    setWantsCondition(true);
    if (!expression && sources[0]) write(defaultCondition(sources[0]));
  };

  return (
    <fieldset className="form-section logic-editor">
      <legend>Show this question</legend>
      <div className="logic-modes">
        <label className="inline-check">
          <input type="radio" name={`${id}-mode`} checked={!conditional} onChange={chooseAlways} />
          Always
        </label>
        <label className="inline-check">
          <input type="radio" name={`${id}-mode`} checked={conditional} onChange={chooseConditional} />
          Only when…
        </label>
      </div>
      {conditional && expression && !condition && (
        <div className="logic-raw">
          <p>
            Shown only when <code className="break-anywhere">{expression}</code>
          </p>
          <p className="hint">
            {parsed && !source
              ? `This condition is about “${parsed.question}”, which is not a rating, choice or yes/no question before this one. It is kept as it is until you replace it.`
              : "This condition is written in a form the builder cannot show in words. It is kept as it is until you replace it."}
          </p>
          {sources[0] && (
            <button type="button" className="button secondary small" onClick={() => write(defaultCondition(sources[0]!))}>
              Replace with a simple condition
            </button>
          )}
        </div>
      )}
      {conditional && !expression && sources.length === 0 && (
        <p className="hint" role="status">
          A condition needs a rating, choice or yes/no question before this one. Add one above it, or move this question further down.
        </p>
      )}
      {condition && source && <ConditionFields id={id} condition={condition} source={source} sources={sources} onChange={write} />}
      {condition && (
        <p className="logic-summary" aria-live="polite">
          Shown {describeCondition(condition, definition)}.
        </p>
      )}
    </fieldset>
  );
}

function ConditionFields(props: { id: string; condition: Condition; source: Source; sources: Source[]; onChange: (next: Condition) => void }) {
  const { id, condition, source, sources, onChange } = props;
  const operators = operatorsFor(source.kind);
  const options = optionsWith(source.values, condition.value);
  const chosen = Array.isArray(condition.value) ? condition.value : [];
  const selectedIndex = Array.isArray(condition.value) ? -1 : options.findIndex((o) => same(o.value, condition.value));
  // Comparisons need numbers: a scale written with texts offers only "is" and "is not" for those points.
  const usable = (o: ValueOption) => (condition.op === "atMost" || condition.op === "atLeast" ? typeof o.value === "number" : true);

  return (
    <div className="logic-condition">
      <div className="field">
        <label htmlFor={`${id}-question`}>Question</label>
        <select
          id={`${id}-question`}
          value={source.name}
          onChange={(event) => {
            const next = sources.find((s) => s.name === event.target.value);
            if (next) onChange(defaultCondition(next));
          }}
        >
          {sources.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>Condition</label>
        <select id={`${id}-op`} value={condition.op} onChange={(event) => onChange(withOperator(condition, source, event.target.value as Operator))}>
          {operators.map((op) => (
            <option key={op} value={op}>
              {operatorLabels[source.kind][op]}
            </option>
          ))}
        </select>
      </div>
      {condition.op === "oneOf" ? (
        <fieldset className="logic-values">
          <legend>Answers</legend>
          {options.map((o) => {
            const ticked = chosen.some((c) => same(c, o.value));
            return (
              <label key={String(o.value)} className="inline-check">
                <input
                  type="checkbox"
                  checked={ticked}
                  onChange={() => {
                    const value = o.value;
                    if (typeof value === "boolean") return;
                    // Kept in the answers' order, so the expression reads the same whichever was ticked first.
                    const next = options.filter((x) => (same(x.value, value) ? !ticked : chosen.some((c) => same(c, x.value)))).map((x) => x.value as string | number);
                    onChange({ ...condition, value: next });
                  }}
                />
                {o.label}
              </label>
            );
          })}
          {chosen.length === 0 && <p className="hint">Tick at least one answer: with none ticked, this question never shows.</p>}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-value`}>{source.kind === "rating" ? "Score" : "Answer"}</label>
          <select
            id={`${id}-value`}
            value={selectedIndex}
            onChange={(event) => {
              const option = options[Number(event.target.value)];
              if (option) onChange({ ...condition, value: option.value });
            }}
          >
            {options.map((o, i) =>
              usable(o) ? (
                <option key={String(o.value)} value={i}>
                  {o.label}
                </option>
              ) : null,
            )}
          </select>
        </div>
      )}
    </div>
  );
}
