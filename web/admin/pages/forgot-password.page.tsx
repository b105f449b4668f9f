// /forgot-password: ask for a reset link by email; the answer is the same whether or not the address has an account.
import { useState, type FormEvent } from "react";
import { ApiError, api } from "../../shared/api";
import { Link } from "../router";
import { AccountCard, TextField } from "../ui/account-forms";
import { ProblemBanner, fieldErrorsAt } from "../ui/feedback";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ message: string }>("/api/auth/password-reset", { email }, { expectUnauthorized: true });
      setSent(answer.message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
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
