// Sign-in: email and password, then back to where the user was heading.
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { write, type Me } from "../queries";
import { PageHeading, fieldErrorsAt, problemText } from "../ui/feedback";
import { FormField } from "../ui/form-field";

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({ mutationFn: write.signIn, onSuccess: onSignedIn });
  const problem = signIn.error;
  // The server's wording for 401 and 422 is written for people; anything else gets the generic line.
  const error = problem ? (problem instanceof ApiError ? problem.detail : problemText(problem).detail) : "";
  // Still busy after success: the page is about to be replaced, and a second click would sign in twice.
  const busy = signIn.isPending || signIn.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <main id="main" className="login">
      <div className="login-card">
        <PageHeading title="Sign in">Sign in to Rapport</PageHeading>
        <form onSubmit={submit}>
          <FormField id="login-email" label="Email" errors={fieldErrorsAt(problem, "/email")}>
            {(control) => (
              <input {...control} type="email" name="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </FormField>
          <FormField id="login-password" label="Password" errors={fieldErrorsAt(problem, "/password")}>
            {(control) => (
              <input {...control} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </FormField>
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
