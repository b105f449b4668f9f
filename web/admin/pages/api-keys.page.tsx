// API keys for systems of record: list, create (the key shown exactly once), revoke with a confirmation.
import { ScrollRegion } from "../ui/scroll-region";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { apiKeysQuery, keys, replaceInPages, write, type ApiKey, type CreatedApiKey } from "../queries";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";

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
  const queryClient = useQueryClient();
  const list = usePagedList(apiKeysQuery);
  const keyList = list.items;
  const loadError = list.problem;
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const create = useMutation({
    mutationFn: write.createApiKey,
    onSuccess: (key) => {
      setCreated(key);
      setName("");
      return queryClient.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: write.revokeApiKey,
    onSuccess: (revoked) => replaceInPages(queryClient, keys.apiKeys, revoked),
  });

  const askRevoke = (key: ApiKey) =>
    setConfirm({
      title: `Revoke “${key.name}”?`,
      body: (
        <p>
          Systems using the key <code>{key.prefix}…</code> are refused from the next request on. This cannot be undone: create a new key for them instead.
        </p>
      ),
      action: "Revoke key",
      run: async () => {
        await revoke.mutateAsync(key.id).catch(() => undefined);
      },
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };

  const nameErrors = fieldErrorsAt(create.error, "/name");

  return (
    <>
      <PageHeading title="API keys">API keys</PageHeading>
      <p className="muted">Helpdesk, point-of-sale and CRM systems use a key to post service interactions.</p>
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}

      <form className="inline-form" onSubmit={submit} noValidate>
        <FormField id="api-key-name" label="Key name" className="grow" errors={nameErrors}>
          {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} placeholder="Helpdesk integration" maxLength={100} />}
        </FormField>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
      </form>
      <ProblemBanner error={create.error ?? revoke.error ?? loadError} />
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />

      {!keyList && !loadError && <Loading>Loading keys…</Loading>}
      {keyList?.length === 0 && <p>No API keys yet.</p>}
      {keyList && keyList.length > 0 && (
        <ScrollRegion label="API keys">
          <table className="table stack-narrow" data-testid="api-keys-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keyList.map((k) => (
                <tr key={k.id}>
                  <td className="stack-title">{k.name}</td>
                  <td data-label="Key">
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label="Created">
                    {when(k.createdAt)}
                    {k.createdBy && <span className="small muted block">by {k.createdBy.name ?? k.createdBy.email}</span>}
                  </td>
                  <td data-label="Last used">{when(k.lastUsedAt)}</td>
                  <td data-label="Status">
                    {k.revokedAt ? (
                      <>
                        <span className="badge badge-muted">Revoked</span>
                        <span className="small muted block">
                          {when(k.revokedAt)}
                          {k.revokedBy && ` by ${k.revokedBy.name ?? k.revokedBy.email}`}
                        </span>
                      </>
                    ) : (
                      <span className="badge badge-ok">Active</span>
                    )}
                  </td>
                  <td className="row-actions">
                    {!k.revokedAt && (
                      <button type="button" className="button secondary small" onClick={() => askRevoke(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show more keys" />
    </>
  );
}
