// Furniture the dashboard's sections share: a titled section with its CSV link, skeletons, and a plain select.
import type { ReactNode } from "react";
import { ProblemBanner } from "../ui/feedback";

type SectionProps = { id: string; title: string; exportHref?: string; exportLabel?: string; controls?: ReactNode; children: ReactNode };

export function Section({ id, title, exportHref, exportLabel, controls, children }: SectionProps) {
  return (
    <section className="dash-section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <div className="dash-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {exportHref && (
          <a className="export-link" href={exportHref} download data-testid={`export-${id}`}>
            {exportLabel ?? "Download CSV"}
            <span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        )}
      </div>
      {controls && <div className="dash-controls">{controls}</div>}
      {children}
    </section>
  );
}

/** Grey placeholders in the shape of what is coming; `.loading` tells anything waiting for the page to settle. */
export function Skeleton({ label, lines = 3, chart = false }: { label: string; lines?: number; chart?: boolean }) {
  return (
    <div className="dash-skeleton" aria-busy="true">
      <span className="sr-only loading" role="status">
        {label}
      </span>
      {chart && <div className="dash-skeleton-block dash-skeleton-chart" />}
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
        <div key={i} className="dash-skeleton-block dash-skeleton-line" />
      ))}
    </div>
  );
}

/** A section's own failure, in plain words, without taking the rest of the dashboard down. */
export function SectionProblem({ error }: { error: unknown }) {
  return error ? <ProblemBanner error={error} /> : null;
}

type Option = { value: string; label: string };

export function Select({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: Option[]; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The minimum number of answers a row needs before its figure is read as more than noise. */
export function MinNField({ id, value, onChange }: { id: string; value: number; onChange: (n: number) => void }) {
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>Minimum answers</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={10000}
        step={1}
        defaultValue={value}
        key={value}
        onBlur={(e) => commitMinN(e.currentTarget, value, onChange)}
        onKeyDown={(e) => e.key === "Enter" && commitMinN(e.currentTarget, value, onChange)}
      />
    </div>
  );
}

function commitMinN(input: HTMLInputElement, current: number, onChange: (n: number) => void) {
  const n = Number(input.value);
  if (Number.isInteger(n) && n >= 1 && n <= 10000) {
    if (n !== current) onChange(n);
  } else input.value = String(current);
}
