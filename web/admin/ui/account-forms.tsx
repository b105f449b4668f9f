// Pieces shared by the sign-in-side pages (setup, invitation, reset) and the account page: a standalone
// card, a labelled field with its server message, and a password field that can show what was typed.
import { useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "../../shared/api";
import { FieldMessage, PageHeading } from "./feedback";

// The server's rule (newPasswordField) has the last word; web/ imports only types from server/.
export const PASSWORD_HINT = "At least 10 characters. A few unrelated words make a strong one.";

export function AccountCard({ title, heading, children }: { title: string; heading?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="login">
      <div className="login-card account-card">
        <p className="account-brand" aria-hidden="true">
          Rapport
        </p>
        <PageHeading title={title}>{heading ?? title}</PageHeading>
        {children}
      </div>
    </main>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; errors?: FieldError[] };

export function TextField({ label, hint, errors = [], id, ...input }: FieldProps) {
  const fallback = useId();
  const fieldId = id ?? fallback;
  const describedBy = [hint ? `${fieldId}-hint` : "", errors.length ? `${fieldId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} aria-invalid={errors.length > 0 || undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={`${fieldId}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage id={`${fieldId}-error`} errors={errors} />
    </div>
  );
}

export function PasswordField({ label, hint, errors = [], id, ...input }: FieldProps) {
  const [shown, setShown] = useState(false);
  const fallback = useId();
  const fieldId = id ?? fallback;
  const describedBy = [hint ? `${fieldId}-hint` : "", errors.length ? `${fieldId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <div className="password-row">
        <input id={fieldId} type={shown ? "text" : "password"} aria-invalid={errors.length > 0 || undefined} aria-describedby={describedBy} {...input} />
        <button type="button" className="button secondary small" aria-pressed={shown} aria-controls={fieldId} onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Show"}
          <span className="sr-only"> password</span>
        </button>
      </div>
      {hint && (
        <p id={`${fieldId}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldMessage id={`${fieldId}-error`} errors={errors} />
    </div>
  );
}
