// /accept-invite?token=…: an invited person chooses a password (and their name) and is signed in.
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { write, type Me } from "../queries";
import { AccountCard, PASSWORD_HINT, PasswordField, TextField } from "../ui/account-forms";
import { ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { LinkProblem, useLinkInfo } from "./link-info";

export function AcceptInvitePage({ token, signedInAs, onSignedIn }: { token: string; signedInAs: string | null; onSignedIn: (me: Me) => void }) {
  const info = useLinkInfo(token, "invite");
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const accept = useMutation({ mutationFn: write.acceptInvitation, onSuccess: onSignedIn });
  const error = accept.error;
  // Still busy after success: the app is about to open, and the link is spent.
  const busy = accept.isPending || accept.isSuccess;

  if (info.state !== "ready") return <LinkProblem title="Invitation" heading="This invitation does not work" info={info} />;
  const link = info.link;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token, password, name: name ?? link.name ?? "" });
  };

  return (
    <AccountCard title="Join" heading={`Join ${link.organisation}`}>
      <p>
        You are invited to Rapport as <strong className="break-anywhere">{link.email}</strong>. Choose a password to finish.
      </p>
      {signedInAs && signedInAs !== link.email && (
        <p className="banner banner-warn">
          This browser is signed in as {signedInAs}. Joining signs it in as {link.email} instead.
        </p>
      )}
      <form onSubmit={submit} noValidate data-testid="accept-invite-form">
        <TextField id="invite-name" label="Your name" autoComplete="name" maxLength={100} value={name ?? link.name ?? ""} onChange={(e) => setName(e.target.value)} errors={fieldErrorsAt(error, "/name")} />
        {/* A hidden username lets password managers file the new password under the right address. */}
        <input type="email" name="username" autoComplete="username" value={link.email} readOnly hidden />
        <PasswordField id="invite-password" label="Password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} hint={PASSWORD_HINT} errors={fieldErrorsAt(error, "/password")} />
        <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? "Joining…" : "Join and sign in"}
        </button>
      </form>
      <p className="small account-foot">
        Already chose a password? <Link to="/login">Sign in</Link>.
      </p>
    </AccountCard>
  );
}
