// First-run setup at /setup?token=…: the organisation and its first admin, then straight into the app.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useState, type FormEvent } from "react";
import { ApiError } from "../../shared/api-client";
import { setupQuery, write, type Me } from "../queries";
import { AccountCard, PASSWORD_HINT, PasswordField, TextField } from "../ui/account-forms";
import { Loading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";

function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

// Grouped by region ("Europe", "America") so a long list stays scannable; type-ahead still works.
function timeZoneGroups(current: string): [string, string[]][] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  const groups = new Map<string, string[]>();
  for (const zone of [...zones].sort()) {
    const region = zone.includes("/") ? zone.slice(0, zone.indexOf("/")) : "Other";
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups];
}

function NoSetup() {
  return (
    <AccountCard title="Setup" heading="There is no setup to do here">
      <p>Either Rapport is already set up, or this is not the link the server printed when it started.</p>
      <p>
        If you have an account, <Link to="/login">sign in</Link>. If you run this server, open the setup link it printed when it started.
      </p>
    </AccountCard>
  );
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function SetupPage({ token, onSignedIn }: { token: string; onSignedIn: (me: Me) => void }) {
  const check = useQuery({ ...setupQuery(token), enabled: token !== "" });
  const [zone] = useState(browserTimeZone);
  const groups = useMemo(() => timeZoneGroups(zone), [zone]);
  const [form, setForm] = useState({ organisation: "", timeZone: zone, name: "", email: "", password: "" });
  const setUp = useMutation({ mutationFn: write.setUp, onSuccess: (done) => onSignedIn(done.user) });
  const error = setUp.error;
  // Still busy after success: the app is about to open, and setup runs once.
  const busy = setUp.isPending || setUp.isSuccess;

  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setUp.mutate({ token, organisation: { name: form.organisation, timeZone: form.timeZone }, admin: { email: form.email, name: form.name, password: form.password } });
  };

  // 404: no such token, or setup has already run.
  if (!token || isNotFound(check.error) || isNotFound(error)) return <NoSetup />;
  if (!check.data) {
    return (
      <AccountCard title="Set up Rapport">
        {check.error ? <ProblemBanner error={check.error} /> : <Loading>Checking the setup link…</Loading>}
      </AccountCard>
    );
  }

  const errorsAt = (path: string) => fieldErrorsAt(error, path);
  return (
    <AccountCard title="Set up Rapport">
      <p className="muted">Create your organisation and your own admin account. You can invite your team next.</p>
      <form onSubmit={submit} noValidate data-testid="setup-form">
        <fieldset className="form-section">
          <legend>Your organisation</legend>
          <TextField id="setup-org" label="Organisation name" autoComplete="organization" required maxLength={100} value={form.organisation} onChange={(e) => set("organisation")(e.target.value)} errors={errorsAt("/organisation/name")} />
          <FormField id="setup-zone" label="Time zone" hint="Reports count days in this time zone." errors={errorsAt("/organisation/timeZone")}>
            {(control) => (
              <select {...control} value={form.timeZone} onChange={(e) => set("timeZone")(e.target.value)}>
                {groups.map(([region, zones]) => (
                  <optgroup key={region} label={region}>
                    {zones.map((z) => (
                      <option key={z} value={z}>
                        {z.replaceAll("_", " ")}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </FormField>
        </fieldset>
        <fieldset className="form-section">
          <legend>Your admin account</legend>
          <TextField id="setup-name" label="Your name" autoComplete="name" required maxLength={100} value={form.name} onChange={(e) => set("name")(e.target.value)} errors={errorsAt("/admin/name")} />
          <TextField id="setup-email" label="Email" type="email" autoComplete="username" inputMode="email" required value={form.email} onChange={(e) => set("email")(e.target.value)} errors={errorsAt("/admin/email")} />
          <PasswordField id="setup-password" label="Password" autoComplete="new-password" required value={form.password} onChange={(e) => set("password")(e.target.value)} hint={PASSWORD_HINT} errors={errorsAt("/admin/password")} />
        </fieldset>
        <ProblemBanner error={error instanceof ApiError && error.status === 422 ? null : error} />
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? "Setting up…" : "Create organisation and sign in"}
        </button>
      </form>
    </AccountCard>
  );
}
