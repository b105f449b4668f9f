// /reset-password?token=…: choose a new password from an emailed link; every session of the account ends.
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { write } from "../queries";
import { AccountCard, PASSWORD_HINT, PasswordField } from "../ui/account-forms";
import { ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { LinkProblem, useLinkInfo } from "./link-info";

export function ResetPasswordPage({ token }: { token: string }) {
  const info = useLinkInfo(token, "reset");
  const [password, setPassword] = useState("");
  const complete = useMutation({ mutationFn: write.completePasswordReset });
  const error = complete.error;
  const busy = complete.isPending;
  const done = complete.isSuccess;

  if (done) {
    return (
      <AccountCard title="Password changed">
        <p role="status" data-testid="reset-done">
          Your new password is set, and every browser that was signed in to this account has been signed out.
        </p>
        <Link to="/login" className="button wide">
          Sign in
        </Link>
      </AccountCard>
    );
  }
  if (info.state !== "ready") return <LinkProblem title="Reset your password" heading="This reset link does not work" info={info} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate({ token, password });
  };

  return (
    <AccountCard title="Choose a new password">
      <p>
        For <strong className="break-anywhere">{info.link.email}</strong> at {info.link.organisation}.
      </p>
      <form onSubmit={submit} noValidate>
        <input type="email" name="username" autoComplete="username" value={info.link.email} readOnly hidden />
        <PasswordField id="reset-password" label="New password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} hint={PASSWORD_HINT} errors={fieldErrorsAt(error, "/password")} />
        <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? "Saving…" : "Set new password"}
        </button>
      </form>
    </AccountCard>
  );
}
