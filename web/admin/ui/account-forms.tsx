// Pieces shared by the sign-in-side pages (setup, invitation, reset) and the account page: a standalone
// card, a labelled text field with its server message, and a password field that can show what was typed.
import { useState, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "../../shared/api-client";
import { PageHeading } from "./feedback";
import { FormField } from "./form-field";

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

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { id: string; label: string; hint?: ReactNode; errors?: FieldError[] };

export function TextField({ label, hint, errors, id, ...input }: FieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} errors={errors}>
      {(control) => <input {...control} {...input} />}
    </FormField>
  );
}

export function PasswordField({ label, hint, errors, id, ...input }: FieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <FormField id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <div className="password-row">
          <input {...control} {...input} type={shown ? "text" : "password"} />
          <button type="button" className="button secondary small" aria-pressed={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
            {shown ? "Hide" : "Show"}
            <span className="sr-only"> password</span>
          </button>
        </div>
      )}
    </FormField>
  );
}
