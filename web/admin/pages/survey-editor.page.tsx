// The survey editor: title and JSON beside a live preview, metric roles, save and publish, distribution rules.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useBlocker } from "@tanstack/react-router";
import { Suspense, lazy, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { compareSeries, type MetricRole } from "../../../server/domain/metric-roles";
import { ApiError } from "../../shared/api-client";
import { EditorTabs, type EditorTab } from "../builder/editor-tabs";
import { DefinitionProblems } from "../editor/definition-problems";
import { JsonEditor } from "../editor/json-editor";
import { QuestionsPanel } from "../editor/questions-panel";
import { LifecyclePanel } from "../editor/lifecycle-panel";
import { RulesPanel } from "../editor/rules-panel";
import { PublishChanges, VersionsPanel } from "../editor/versions-panel";
import { describeSanitized } from "../editor/sanitized-notice";
import { SurveyFile } from "../editor/survey-file";
import { formatDefinition, listQuestions, parseDefinition, rangeAt, withMetric, type JsonObject } from "../editor/survey-json";
import { lifecycleKeys } from "../lifecycle-queries";
import { canEdit, keys, surveyQuery, write, type Survey } from "../queries";
import { useSession } from "../session";
import { Loading, Notice, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { StatusBadge } from "../ui/survey-status";
import "../delivery/delivery.css";

const SurveyPreview = lazy(() => import("../editor/survey-preview"));
const Builder = lazy(() => import("../builder/builder"));
// Translating is a tab of its own and loads only when opened.
const TranslationsPanel = lazy(() => import("../builder/translations-panel").then((m) => ({ default: m.TranslationsPanel })));

// Reading a draft's scales takes survey-core, which the preview loads anyway; neither is on the first page.
async function seriesNotesFor(published: Survey["publishedSeries"], draft: JsonObject): Promise<string[]> {
  const { definitionSeries } = await import("../../../server/domain/survey-definition");
  try {
    return compareSeries(published, definitionSeries(draft)).map((c) => c.message);
  } catch {
    // A draft survey-core cannot read is refused on save with its own message.
    return [];
  }
}

const PREVIEW_DELAY_MS = 300;
const AUTOSAVE_DELAY_MS = 2000;
const unsavedMessage = "This survey has unsaved changes. Leave without saving?";

export function SurveyEditorPage({ id }: { id: string }) {
  const { me } = useSession();
  const editable = canEdit(me);
  const queryClient = useQueryClient();
  const { data: survey, error: loadError } = useQuery(surveyQuery(id));

  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [tab, setTab] = useState<EditorTab>("build");
  const [saved, setSaved] = useState<{ title: string; text: string } | null>(null);
  const [preview, setPreview] = useState<{ definition: JsonObject; revision: number } | null>(null);
  const [shownParse, setShownParse] = useState<ReturnType<typeof parseDefinition> | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const [seriesNotes, setSeriesNotes] = useState<string[]>([]);
  // The draft revision this page's changes build on; a save from an older one is refused by the server.
  const [baseRevision, setBaseRevision] = useState<number | null>(null);
  const [conflict, setConflict] = useState(false);
  const [previewSize, setPreviewSize] = useState<"phone" | "desktop">("desktop");
  // The publish dialog is open: what it shows is fetched only then.
  const [asking, setAsking] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);

  // The form starts from the first answer only: a later refresh of the survey must not overwrite what is being typed.
  useEffect(() => {
    if (!survey || saved) return;
    const formatted = formatDefinition(survey.definition);
    setTitle(survey.title);
    setText(formatted);
    setSaved({ title: survey.title, text: formatted });
    setBaseRevision(survey.revision);
    setPreview({ definition: survey.definition, revision: 1 });
  }, [survey, saved]);

  const saveDraft = useMutation({
    mutationFn: (body: { title: string; definition: JsonObject; revision?: number }) => write.saveSurvey(id, body),
    onSuccess: (updated) => {
      // A save answers without the published series, which only publishing changes: keep them.
      queryClient.setQueryData(keys.survey(id), (old: Survey | undefined) => ({ ...updated, publishedSeries: old?.publishedSeries ?? [] }));
      void queryClient.invalidateQueries({ queryKey: keys.surveyLists });
      // Comparisons with the draft are out of date once it changes.
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.diffs(id) });
    },
  });
  const publishDraft = useMutation({
    mutationFn: () => write.publishSurvey(id),
    // The status badge and the list both show what is published.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.surveys }),
  });
  const busy = saveDraft.isPending ? "saving" : publishDraft.isPending ? "publishing" : null;

  const parsed = useMemo(() => parseDefinition(text), [text]);

  // Errors and the preview follow typing after a pause, so neither flickers on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setShownParse(parsed);
      // Re-indenting or other whitespace edits keep the same preview, and with it the answers tried there.
      if (parsed.ok) {
        setPreview((p) =>
          p && JSON.stringify(p.definition) === JSON.stringify(parsed.value) ? p : { definition: parsed.value, revision: (p?.revision ?? 0) + 1 },
        );
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [parsed]);

  const dirty = editable && saved !== null && (title !== saved.title || text !== saved.text);
  // Changes save themselves a moment after typing stops, while the JSON parses and no conflict waits for a
  // decision; a failed autosave keeps everything on the page and says so, and the next change tries again.
  const [autosaveFailed, setAutosaveFailed] = useState(false);
  useEffect(() => {
    if (!dirty || conflict || !parsed.ok || saveDraft.isPending || publishDraft.isPending) return;
    const timer = setTimeout(() => {
      void saveRef.current(undefined, true).then((ok) => setAutosaveFailed(!ok));
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, conflict, parsed, saveDraft.isPending, publishDraft.isPending]);
  // In-app links, Back, reloads and closing the tab all ask first while there is something to lose.
  useBlocker({ shouldBlockFn: () => !window.confirm(unsavedMessage), enableBeforeUnload: dirty, disabled: !dirty });

  /** Saves the draft; `quiet` (an autosave) reports success only in the save state beside the buttons. */
  const save = async (revision = baseRevision, quiet = false): Promise<boolean> => {
    const current = parseDefinition(text);
    if (!current.ok) {
      setShownParse(current);
      setProblem({ title: "Not saved", detail: `The JSON does not parse (line ${current.line}, column ${current.column}); fix it first.` });
      return false;
    }
    setProblem(null);
    setNotice("");
    try {
      const updated = await saveDraft.mutateAsync({ title, definition: current.value, ...(revision !== null && { revision }) });
      setBaseRevision(updated.revision);
      setConflict(false);
      if (updated.sanitized.length > 0) {
        // The server stored less than was typed: show what it kept, so the next save cannot bring the rest back.
        const stored = formatDefinition(updated.definition);
        setText(stored);
        setSaved({ title, text: stored });
        setNotice(describeSanitized(updated.sanitized, updated.definition));
      } else {
        setSaved({ title, text });
        if (!quiet) setNotice("Draft saved.");
      }
      return true;
    } catch (err) {
      // Someone else saved since this draft was loaded: nothing is overwritten; the manager chooses.
      if (err instanceof ApiError && err.status === 409 && err.extra.stale === true) setConflict(true);
      setProblem(err);
      return false;
    }
  };

  /** Loads the draft as the other person saved it, dropping the changes made here. */
  const loadTheirs = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.survey(id) });
    setSaved(null);
    setConflict(false);
    setProblem(null);
    setNotice("The newer draft is loaded; your changes were discarded.");
  };

  /** Saves the changes made here over the newer draft, knowingly. */
  const keepMine = async () => {
    const latest = await queryClient.fetchQuery({ ...surveyQuery(id), staleTime: 0 });
    setConflict(false);
    await save(latest.revision);
  };

  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable]);

  const publish = async () => {
    if (dirty && !(await save())) return;
    setProblem(null);
    setNotice("");
    try {
      const { version } = await publishDraft.mutateAsync();
      setNotice(`Published version ${version}.`);
    } catch (err) {
      setProblem(err);
    }
  };

  // Said before publishing, not after: a changed role or scale splits a trend, and earlier answers cannot follow.
  const askToPublish = async () => {
    const current = parseDefinition(text);
    setSeriesNotes(current.ok && survey?.publishedSeries.length ? await seriesNotesFor(survey.publishedSeries, current.value) : []);
    setAsking(true);
    dialogRef.current?.showModal();
  };

  const confirmPublish = (event: FormEvent) => {
    event.preventDefault();
    dialogRef.current?.close();
    void publish();
  };

  const setMetric = (pointer: string, metric: MetricRole | "") => {
    if (!parsed.ok) return;
    const next = formatDefinition(withMetric(parsed.value, pointer, metric));
    setText(next);
  };

  const goToParseError = () => {
    const area = editorRef.current;
    if (!area || !shownParse || shownParse.ok) return;
    area.focus();
    area.setSelectionRange(shownParse.offset, Math.min(shownParse.offset + 1, area.value.length));
  };

  // Selects what a server error is about (the question's object, or the one property named), then scrolls to it.
  const showProblem = (path: string) => {
    // The JSON is in its own tab: show it before selecting in it.
    flushSync(() => setTab("json"));
    const area = editorRef.current;
    if (!area) return;
    const range = path.startsWith("/definition") ? rangeAt(area.value, path.slice("/definition".length)) : null;
    area.focus();
    if (!range) return;
    area.setSelectionRange(range.start, range.end);
    const line = area.value.slice(0, range.start).split("\n").length;
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
    area.scrollIntoView({ block: "nearest" });
  };

  // The heading stays the same element from loading to loaded, so focus placed on it after navigation survives.
  const heading = (
    <div className="title-row">
      <PageHeading title={survey?.title ?? "Survey"}>{survey?.title ?? "Survey"}</PageHeading>
      {survey && <StatusBadge survey={survey} />}
      {survey && (
        <div className="actions title-actions">
          <Link className="button secondary small" to="/analytics" search={{ surveyId: survey.id }}>
            Analytics
          </Link>
          <Link className="button secondary small" to="/surveys/$id/delivery" params={{ id: survey.id }}>
            Delivery
          </Link>
        </div>
      )}
    </div>
  );
  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/surveys" activeOptions={{ exact: true }}>
        Surveys
      </Link>{" "}
      <span aria-hidden="true">/</span>
    </p>
  );
  if (!survey || !saved) {
    return (
      <div className="editor-page">
        {breadcrumb}
        {heading}
        {loadError ? <ProblemBanner error={loadError} /> : <Loading>Loading the survey…</Loading>}
      </div>
    );
  }

  const titleErrors = fieldErrorsAt(problem, "/title");
  const definitionErrors = fieldErrorsAt(problem, "/definition");
  // Field problems are shown where they belong; the generic banner stays for anything else.
  const bannerProblem = problem instanceof ApiError && problem.errors.length > 0 && definitionErrors.length + titleErrors.length === problem.errors.length ? null : problem;
  const parseError = shownParse && !shownParse.ok && !parsed.ok ? shownParse : null;
  const questions = listQuestions(parsed.ok ? parsed.value : (preview?.definition ?? {}));
  const nextVersion = (survey.latestVersion ?? 0) + 1;

  return (
    <div className="editor-page">
      {breadcrumb}
      {heading}
      {!editable && <p className="muted">You can view this survey; changing it needs the manager or admin role.</p>}

      <ProblemBanner error={bannerProblem} />
      {conflict && editable && (
        <div className="actions" data-testid="save-conflict">
          <button type="button" className="button secondary" onClick={() => void loadTheirs()}>
            Load the newer draft (discard my changes)
          </button>
          <button type="button" className="button secondary" onClick={() => void keepMine()}>
            Save my changes over it
          </button>
        </div>
      )}
      <DefinitionProblems errors={definitionErrors} onShow={showProblem} />
      {notice && <Notice>{notice}</Notice>}

      <form
        className="editor-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (editable) void save();
        }}
      >
        <FormField id="survey-title" label="Title" className="grow" errors={titleErrors}>
          {(control) => <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} readOnly={!editable} required maxLength={200} />}
        </FormField>
        {editable && (
          <div className="actions">
            <span className="save-state" role="status" data-testid="save-state">
              {busy === "saving" ? (
                "Saving…"
              ) : dirty ? (
                <span className="dirty-flag" data-testid="unsaved">
                  {autosaveFailed ? "Not saved: see the message above" : "Unsaved changes"}
                </span>
              ) : saved ? (
                "All changes saved"
              ) : (
                ""
              )}
            </span>
            <button type="submit" className="button secondary" disabled={busy !== null}>
              {busy === "saving" ? "Saving…" : "Save draft"}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void askToPublish()}>
              {busy === "publishing" ? "Publishing…" : "Publish"}
            </button>
          </div>
        )}
      </form>

      <div className="editor-layout">
        <div className="editor-pane">
          <h2 className="pane-heading">Definition</h2>
          <EditorTabs
            tab={tab}
            onTab={setTab}
            build={
              <>
                {!parsed.ok && (
                  <div className="banner banner-warn" data-testid="builder-blocked">
                    <p>The JSON has a mistake, so the builder cannot show the survey. Fix it in the Advanced (JSON) tab first.</p>
                    <button type="button" className="button secondary small" onClick={() => setTab("json")}>
                      Go to Advanced (JSON)
                    </button>
                  </div>
                )}
                <div hidden={!parsed.ok}>
                  <Suspense fallback={<Loading>Loading the builder…</Loading>}>
                    <Builder definition={parsed.ok ? parsed.value : (preview?.definition ?? {})} onChange={(next) => setText(formatDefinition(next))} editable={editable} />
                  </Suspense>
                </div>
              </>
            }
            translate={
              parsed.ok ? (
                tab === "translate" && (
                  <Suspense fallback={<Loading>Loading the translations…</Loading>}>
                    <TranslationsPanel definition={parsed.value} onChange={(next) => setText(formatDefinition(next))} />
                  </Suspense>
                )
              ) : (
                <p className="banner banner-warn">The JSON has a mistake; fix it in the Advanced (JSON) tab before translating.</p>
              )
            }
            json={
              <>
                <JsonEditor
                  id="survey-json"
                  ref={editorRef}
                  value={text}
                  onChange={setText}
                  readOnly={!editable}
                  invalid={!!parseError}
                  describedBy={parseError ? "survey-json-help survey-json-error" : "survey-json-help"}
                />
                <p id="survey-json-help" className="hint">
                  {editable ? "SurveyJS JSON. Tab indents; press Esc then Tab to move on. Ctrl+S (⌘S) saves." : "SurveyJS JSON, read-only."}
                </p>
                <SurveyFile text={text} title={title} editable={editable} dirty={dirty} onImport={setText} />
                {/* The builder sets roles on each question; here they are set for JSON written by hand. */}
                <QuestionsPanel
                  questions={questions}
                  editable={editable}
                  blockedReason={parsed.ok ? null : "Fix the JSON to change metric roles."}
                  onMetric={setMetric}
                />
                {parseError && (
                  <p id="survey-json-error" className="field-error" data-testid="json-error">
                    Line {parseError.line}, column {parseError.column}: {parseError.message}.{" "}
                    <button type="button" className="link-button" onClick={goToParseError}>
                      Go to the error
                    </button>
                    <span className="muted"> The preview shows the last valid version.</span>
                  </p>
                )}
              </>
            }
          />
        </div>
        <section className="preview-pane" aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="pane-heading">
            Preview
          </h2>
          <fieldset className="preview-sizes">
            <legend className="sr-only">Preview size</legend>
            {(["phone", "desktop"] as const).map((size) => (
              <button key={size} type="button" className="button secondary small" aria-pressed={previewSize === size} onClick={() => setPreviewSize(size)}>
                {size === "phone" ? "Phone" : "Desktop"}
              </button>
            ))}
          </fieldset>
          <div className={`preview-frame${previewSize === "phone" ? " preview-phone" : ""}`} data-testid="survey-preview">
            {preview && (
              <Suspense fallback={<Loading>Loading the preview…</Loading>}>
                <SurveyPreview definition={preview.definition} revision={preview.revision} />
              </Suspense>
            )}
          </div>
        </section>
      </div>

      <RulesPanel surveyId={survey.id} editable={editable} />
      <VersionsPanel survey={survey} editable={editable} onDraftReplaced={() => setSaved(null)} />
      <LifecyclePanel survey={survey} editable={editable} />

      <dialog ref={dialogRef} className="dialog" aria-labelledby="publish-heading" data-testid="publish-dialog" onClose={() => setAsking(false)}>
        <form onSubmit={confirmPublish}>
          <h2 id="publish-heading">Publish version {nextVersion}?</h2>
          <p>Responses will be tied to it.</p>
          {survey.latestVersion !== null && asking && <PublishChanges surveyId={survey.id} latest={survey.latestVersion} dirty={dirty} />}
          {seriesNotes.length > 0 && (
            <div className="banner banner-warn" data-testid="series-changes">
              <ul>
                {seriesNotes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          )}
          {dirty && <p>Your unsaved changes will be saved first.</p>}
          <div className="actions">
            <button type="submit" className="button">
              Publish version {nextVersion}
            </button>
            <button type="button" className="button secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
