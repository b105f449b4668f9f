// API keys for systems of record: list, create, and show a new key exactly once.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, isAbort } from "../../shared/api";
import type { ApiKey, CreatedApiKey } from "../api-types";
import { FieldMessage, Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (iso: string | null) => (iso ? <time dateTime={iso}>{timeFormat.format(new Date(iso))}</time> : "Never");

function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };

  return (
    <section className="new-key" aria-labelledby="new-key-heading" data-testid="new-api-key-panel">
      <h2 id="new-key-heading" ref={headingRef} tabIndex={-1}>
        Key “{created.name}” created
      </h2>
      <p className="warn-text">
        <strong>Copy it now: this key won't be shown again.</strong> Store it in your secret manager; Rapport keeps only a hash.
      </p>
      <div className="key-row">
        <code className="key" data-testid="new-api-key">
          {created.key}
        </code>
        <button type="button" className="button" onClick={copy}>
          Copy key
        </button>
      </div>
      <p role="status" className="small">
        {copied === "yes" ? "Copied to the clipboard." : copied === "no" ? "Copying was blocked; select the key and copy it by hand." : ""}
      </p>
      <button type="button" className="button secondary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}

export function ApiKeysPage() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const load = async (signal?: AbortSignal) => {
    try {
      setKeys(await api.get<ApiKey[]>("/api/api-keys", { signal }));
    } catch (err) {
      if (!isAbort(err)) setLoadError(err);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      setCreated(await api.post<CreatedApiKey>("/api/api-keys", { name }));
      setName("");
      await load();
    } catch (err) {
      setCreateError(err);
    } finally {
      setBusy(false);
    }
  };

  const nameErrors = fieldErrorsAt(createError, "/name");

  return (
    <>
      <PageHeading title="API keys">API keys</PageHeading>
      <p className="muted">Helpdesk, point-of-sale and CRM systems use a key to post service interactions.</p>
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}

      <form className="inline-form" onSubmit={create} noValidate>
        <div className="field grow">
          <label htmlFor="api-key-name">Key name</label>
          <input
            id="api-key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Helpdesk integration"
            maxLength={100}
            aria-invalid={nameErrors.length > 0 || undefined}
            aria-describedby="api-key-name-error"
          />
          <FieldMessage id="api-key-name-error" errors={nameErrors} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating…" : "Create key"}
        </button>
      </form>
      <ProblemBanner error={createError ?? loadError} />

      {!keys && !loadError && <Loading>Loading keys…</Loading>}
      {keys?.length === 0 && <p>No API keys yet.</p>}
      {keys && keys.length > 0 && (
        <div className="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
          <table className="table" data-testid="api-keys-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? <span className="badge badge-muted">Revoked</span> : <span className="badge badge-ok">Active</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
