// /account: who you are signed in as, and changing your password (which signs out your other sessions).
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { write } from "../queries";
import { useSession } from "../session";
import { PASSWORD_HINT, PasswordField } from "../ui/account-forms";
import { Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";

export function AccountPage() {
  const { me } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useMutation({
    mutationFn: write.changePassword,
    onSuccess: () => {
      setCurrent("");
      setNext("");
    },
  });
  const error = change.error;
  const busy = change.isPending;
  const changed = change.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <div className="account-page">
      <PageHeading title="Your account">Your account</PageHeading>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{me.name ?? "Not given"}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd className="break-anywhere">{me.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>
            <span className="badge badge-role">{me.role}</span>
          </dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <p className="muted small">Other browsers signed in to your account are signed out; this one stays signed in.</p>
        <form onSubmit={submit} noValidate className="narrow-form">
          <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
          <PasswordField id="account-current" label="Current password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} errors={fieldErrorsAt(error, "/currentPassword")} />
          <PasswordField id="account-new" label="New password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} hint={PASSWORD_HINT} errors={fieldErrorsAt(error, "/newPassword")} />
          <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Changing…" : "Change password"}
            </button>
            {changed && <Notice>Password changed. Your other sessions are signed out.</Notice>}
          </div>
        </form>
      </section>
    </div>
  );
}
