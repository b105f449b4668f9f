// /settings/themes (admins): the keyword rules that sort comments into themes, edited together and saved at once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { commentKeys, saveThemes, themesQuery, type ThemeList } from "../comments-queries";
import { SkeletonRows } from "../ui/comment-list";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { FieldMessage, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";

// `saved` is the name the theme has on the server: a renamed theme is not a removed one.
type Draft = { key: number; saved: string | null; name: string; keywords: string[]; adding: string };
let nextKey = 0;
const toDrafts = (list: ThemeList) => list.themes.map((t) => ({ key: nextKey++, saved: t.name, name: t.name, keywords: [...t.keywords], adding: "" }));

function ThemeEditor({ theme, index, count, error, onChange, onRemove }: { theme: Draft; index: number; count: number | undefined; error: unknown; onChange: (next: Draft) => void; onRemove: () => void }) {
  const at = `/themes/${index}`;
  const nameErrors = fieldErrorsAt(error, `${at}/name`);
  const keywordErrors = fieldErrorsAt(error, `${at}/keywords`);
  const id = `theme-${theme.key}`;
  const add = () => {
    const words = theme.adding.split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
    if (words.length) onChange({ ...theme, keywords: [...new Set([...theme.keywords, ...words])], adding: "" });
  };
  return (
    <fieldset className="theme-editor" data-testid="theme">
      <legend className="sr-only">Theme {index + 1}</legend>
      <div className="theme-head">
        <div className="field">
          <label htmlFor={`${id}-name`}>Theme name</label>
          <input
            id={`${id}-name`}
            value={theme.name}
            maxLength={40}
            onChange={(e) => onChange({ ...theme, name: e.target.value })}
            aria-invalid={nameErrors.length > 0 || undefined}
            aria-describedby={nameErrors.length ? `${id}-name-error` : undefined}
          />
          <FieldMessage id={`${id}-name-error`} errors={nameErrors} />
        </div>
        <p className="muted small theme-count">{count === undefined ? "New" : `${count} comment${count === 1 ? "" : "s"} in the last 90 days`}</p>
        <button type="button" className="button secondary small danger-text" onClick={onRemove}>
          Remove theme<span className="sr-only"> “{theme.name}”</span>
        </button>
      </div>
      <ul className="keyword-chips" aria-label={`Keywords of “${theme.name}”`}>
        {theme.keywords.map((k) => (
          <li key={k} className="badge theme-chip">
            {k}
            <button type="button" className="chip-remove" aria-label={`Remove keyword “${k}”`} onClick={() => onChange({ ...theme, keywords: theme.keywords.filter((w) => w !== k) })}>
              ×
            </button>
          </li>
        ))}
        {theme.keywords.length === 0 && <li className="muted">No keywords yet: add at least one.</li>}
      </ul>
      <div className="inline-form">
        <div className="field grow">
          <label htmlFor={`${id}-add`}>Add keywords or phrases</label>
          <input
            id={`${id}-add`}
            value={theme.adding}
            onChange={(e) => onChange({ ...theme, adding: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
            aria-describedby={`${id}-add-hint${keywordErrors.length ? ` ${id}-keywords-error` : ""}`}
            aria-invalid={keywordErrors.length > 0 || undefined}
          />
          <p id={`${id}-add-hint`} className="hint">
            Separate several with commas. Each matches as a whole word or phrase, ignoring case.
          </p>
          <FieldMessage id={`${id}-keywords-error`} errors={keywordErrors} />
        </div>
        <button type="button" className="button secondary" onClick={add}>
          Add
        </button>
      </div>
    </fieldset>
  );
}

export function CommentThemesPage() {
  const queryClient = useQueryClient();
  const { data, error: loadError } = useQuery(themesQuery);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  useEffect(() => {
    if (data && drafts === null) setDrafts(toDrafts(data));
  }, [data, drafts]);
  const save = useMutation({
    mutationFn: saveThemes,
    onSuccess: async (result) => {
      queryClient.setQueryData(commentKeys.themes, result);
      setDrafts(toDrafts(result));
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: commentKeys.all, refetchType: "none" });
    },
  });
  const counts = new Map(data?.themes.map((t) => [t.name, t.count]));
  const body = () => ({ themes: (drafts ?? []).map((d) => ({ name: d.name, keywords: d.keywords })) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const removed = (data?.themes ?? []).filter((t) => !drafts?.some((d) => d.saved === t.name));
    if (removed.length === 0) return save.mutate(body());
    setConfirm({
      title: removed.length === 1 ? `Remove the theme “${removed[0]!.name}”?` : `Remove ${removed.length} themes?`,
      body: <p>Comments stop being grouped under {removed.map((t) => `“${t.name}”`).join(", ")}, including the ones already answered.</p>,
      action: "Save and remove",
      run: async () => {
        await save.mutateAsync(body()).catch(() => undefined);
      },
    });
  };
  const update = (key: number, next: Draft | null) => setDrafts((all) => (all ?? []).flatMap((d) => (d.key !== key ? [d] : next ? [next] : [])));
  return (
    <>
      <PageHeading title="Comment themes">Comment themes</PageHeading>
      <p className="muted">
        Comments are sorted into themes by these keywords, whenever they are read: a change applies to every comment, old and new. Keep 1 to 20 themes of 1 to 30 keywords each.
      </p>
      <ProblemBanner error={loadError ?? save.error} />
      {saved && <Notice>Themes saved. Every comment is now grouped by them.</Notice>}
      {!drafts && !loadError && <SkeletonRows rows={4} label="Loading themes" />}
      {drafts && (
        <form onSubmit={submit} noValidate>
          <FieldMessage id="themes-error" errors={fieldErrorsAt(save.error, "/themes").filter((e) => e.path === "/themes")} />
          {drafts.map((d, index) => (
            <ThemeEditor key={d.key} theme={d} index={index} count={d.saved === null ? undefined : counts.get(d.saved)} error={save.error} onChange={(next) => update(d.key, next)} onRemove={() => update(d.key, null)} />
          ))}
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setDrafts((all) => [...(all ?? []), { key: nextKey++, saved: null, name: "", keywords: [], adding: "" }])} disabled={drafts.length >= 20}>
              Add a theme
            </button>
            <button type="button" className="button secondary" onClick={() => data && setDrafts(toDrafts(data))}>
              Undo changes
            </button>
            <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
              {save.isPending ? "Saving…" : "Save themes"}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
