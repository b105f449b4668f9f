// Sign-in: email and password, then back to where the user was heading.
import { useState, type FormEvent } from "react";
import { ApiError, api } from "../../shared/api";
import type { Me } from "../api-types";
import { Link } from "../router";
import { FieldMessage, PageHeading, fieldErrorsAt, problemText } from "../ui/feedback";

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [fieldProblem, setFieldProblem] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    setFieldProblem(null);
    try {
      onSignedIn(await api.post<Me>("/api/auth/login", { email, password }, { expectUnauthorized: true }));
    } catch (err) {
      // The server's wording for 401 and 422 is written for people; anything else gets the generic line.
      setError(err instanceof ApiError ? err.detail : problemText(err).detail);
      setFieldProblem(err);
      setBusy(false);
    }
  };

  const emailErrors = fieldErrorsAt(fieldProblem, "/email");
  const passwordErrors = fieldErrorsAt(fieldProblem, "/password");

  return (
    <main id="main" className="login">
      <div className="login-card">
        <PageHeading title="Sign in">Sign in to Rapport</PageHeading>
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              id="login-email"
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailErrors.length > 0 || undefined}
              aria-describedby={emailErrors.length ? "login-email-error" : undefined}
            />
            <FieldMessage id="login-email-error" errors={emailErrors} />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={passwordErrors.length > 0 || undefined}
              aria-describedby={passwordErrors.length ? "login-password-error" : undefined}
            />
            <FieldMessage id="login-password-error" errors={passwordErrors} />
          </div>
          <div role="alert" className={error ? "banner banner-error" : undefined} data-testid="login-error">
            {error}
          </div>
          <button type="submit" className="button wide" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p className="small account-foot">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </div>
    </main>
  );
}
