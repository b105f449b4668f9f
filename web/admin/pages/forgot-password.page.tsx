// /forgot-password: ask for a reset link by email; the answer is the same whether or not the address has an account.
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { write } from "../queries";
import { AccountCard, TextField } from "../ui/account-forms";
import { ProblemBanner, fieldErrorsAt } from "../ui/feedback";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const request = useMutation({ mutationFn: write.requestPasswordReset });
  const error = request.error;
  const busy = request.isPending;
  const sent = request.data?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };

  if (sent) {
    return (
      <AccountCard title="Check your email">
        <p role="status" data-testid="reset-requested">
          {sent}
        </p>
        <p className="muted small">Nothing after a few minutes? Look in the spam folder, check the address, or ask an admin of your organisation.</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </AccountCard>
    );
  }

  return (
    <AccountCard title="Reset your password">
      <p className="muted">Enter the address you sign in with. We will email you a link to choose a new password.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="forgot-email" label="Email" type="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrorsAt(error, "/email")} />
        <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? "Sending…" : "Email me a link"}
        </button>
      </form>
      <p className="small account-foot">
        Remembered it? <Link to="/login">Sign in</Link>.
      </p>
    </AccountCard>
  );
}
