// First-run setup at /setup?token=…: the organisation and its first admin, then straight into the app.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ApiError, api, isAbort } from "../../shared/api";
import type { Me } from "../api-types";
import type { SetupDone } from "../people-types";
import { Link } from "../router";
import { AccountCard, PASSWORD_HINT, PasswordField, TextField } from "../ui/account-forms";
import { FieldMessage, Loading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";

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

export function SetupPage({ token, onSignedIn }: { token: string; onSignedIn: (me: Me) => void }) {
  const [state, setState] = useState<"checking" | "ready" | "gone">("checking");
  const [checkError, setCheckError] = useState<unknown>(null);
  const [zone] = useState(browserTimeZone);
  const groups = useMemo(() => timeZoneGroups(zone), [zone]);
  const [form, setForm] = useState({ organisation: "", timeZone: zone, name: "", email: "", password: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!token) {
      setState("gone");
      return;
    }
    const controller = new AbortController();
    api.get(`/api/setup?token=${encodeURIComponent(token)}`, { signal: controller.signal, expectUnauthorized: true }).then(
      () => setState("ready"),
      (err) => {
        if (isAbort(err)) return;
        if (err instanceof ApiError && err.status === 404) setState("gone");
        else setCheckError(err);
      },
    );
    return () => controller.abort();
  }, [token]);

  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const done = await api.post<SetupDone>(
        "/api/setup",
        { token, organisation: { name: form.organisation, timeZone: form.timeZone }, admin: { email: form.email, name: form.name, password: form.password } },
        { expectUnauthorized: true },
      );
      onSignedIn(done.user);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setState("gone");
      setError(err);
      setBusy(false);
    }
  };

  if (state === "gone") return <NoSetup />;
  if (state === "checking") {
    return (
      <AccountCard title="Set up Rapport">
        {checkError ? <ProblemBanner error={checkError} /> : <Loading>Checking the setup link…</Loading>}
      </AccountCard>
    );
  }

  const errorsAt = (path: string) => fieldErrorsAt(error, path);
  const zoneErrors = errorsAt("/organisation/timeZone");
  return (
    <AccountCard title="Set up Rapport">
      <p className="muted">Create your organisation and your own admin account. You can invite your team next.</p>
      <form onSubmit={submit} noValidate data-testid="setup-form">
        <fieldset className="form-section">
          <legend>Your organisation</legend>
          <TextField id="setup-org" label="Organisation name" autoComplete="organization" required maxLength={100} value={form.organisation} onChange={(e) => set("organisation")(e.target.value)} errors={errorsAt("/organisation/name")} />
          <div className="field">
            <label htmlFor="setup-zone">Time zone</label>
            <select
              id="setup-zone"
              value={form.timeZone}
              onChange={(e) => set("timeZone")(e.target.value)}
              aria-describedby={`setup-zone-hint${zoneErrors.length ? " setup-zone-error" : ""}`}
              aria-invalid={zoneErrors.length > 0 || undefined}
            >
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
            <p id="setup-zone-hint" className="hint">
              Reports count days in this time zone.
            </p>
            <FieldMessage id="setup-zone-error" errors={zoneErrors} />
          </div>
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
