// One labelled form field: its control, an optional hint and the server's message about it, wired for screen readers.
import type { ReactNode } from "react";
import type { FieldError } from "../../shared/api-client";
import { FieldMessage } from "./feedback";

/** What the control needs to be announced with its label, hint and error. */
export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

type Props = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Announce hint changes, for a hint that explains the current choice. */
  liveHint?: boolean;
  errors?: FieldError[];
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

export function FormField({ id, label, hint, liveHint, errors = [], className, children }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // Only ids that exist: a reference to a missing element is announced as nothing, or trips checkers.
  const describedBy = [hint ? hintId : "", errors.length > 0 ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors.length > 0 || undefined })}
      {hint && (
        <p id={hintId} className="hint" aria-live={liveHint ? "polite" : undefined}>
          {hint}
        </p>
      )}
      <FieldMessage id={errorId} errors={errors} />
    </div>
  );
}
