// The survey's texts side by side with one language's translations, the missing ones marked, and a preview in it.
import { Suspense, lazy, useId, useMemo, useRef, useState } from "react";
import { SURVEY_CORE_LANGUAGES } from "../../../server/domain/survey-languages";
import type { JsonObject } from "../editor/survey-json";
import { Loading } from "../ui/feedback";
import { ScrollRegion } from "../ui/scroll-region";
import "./builder-parts.css";
import { languagesOf, localizableTexts, missingTranslations, setTranslation, translationOf, type TextEntry } from "./translations";

const SurveyPreview = lazy(() => import("../editor/survey-preview"));

export type TranslationsPanelProps = {
  definition: JsonObject;
  onChange: (next: JsonObject) => void;
};

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });
const languageName = (tag: string) => {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

// The languages survey-core has its own buttons and messages in, so a respondent's page is in one language throughout.
const COMMON_LANGUAGES = ["en", ...SURVEY_CORE_LANGUAGES];

// Texts longer than this get a box several lines high.
const LONG_TEXT = 80;

export function TranslationsPanel({ definition, onChange }: TranslationsPanelProps) {
  const id = useId();
  const [added, setAdded] = useState<string[]>([]);
  const [chosen, setChosen] = useState("");
  const [adding, setAdding] = useState("");
  // Under "only missing", a row stays while it is being typed into: the filter applies to what was missing when it was set.
  const [missingShown, setMissingShown] = useState<Set<string> | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);

  const languages = languagesOf(definition);
  const defaultLanguage = languages[0]!;
  const known = (list: string[], tag: string) => list.some((x) => x.toLowerCase() === tag.toLowerCase());
  const translated = [...languages.slice(1), ...added.filter((l) => !known(languages, l))];
  const lang = translated.includes(chosen) ? chosen : (translated[0] ?? "");
  const texts = useMemo(() => localizableTexts(definition), [definition]);
  const missing = lang ? missingTranslations(definition, lang) : [];
  const addable = COMMON_LANGUAGES.filter((l) => !known(languages, l) && !known(translated, l))
    .map((tag) => ({ tag, name: languageName(tag) }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const revision = useRef({ definition, count: 0 });
  if (revision.current.definition !== definition) revision.current = { definition, count: revision.current.count + 1 };

  const choose = (next: string) => {
    setChosen(next);
    if (missingShown) setMissingShown(new Set(missingTranslations(definition, next).map((t) => t.path)));
  };

  const addLanguage = () => {
    if (!adding) return;
    setAdded((list) => [...list, adding]);
    choose(adding);
    setAdding("");
  };

  const translate = (entry: TextEntry, text: string) => {
    // Kept in the list for the session, so clearing its last text does not take the language away mid-edit.
    if (!known(added, lang)) setAdded((list) => [...list, lang]);
    onChange(setTranslation(definition, entry.path, lang, text));
  };

  const rows = missingShown ? texts.filter((t) => missingShown.has(t.path)) : texts;

  return (
    <section className="panel translations-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Translations</h2>
      <p className="hint">
        The survey is written in {languageName(defaultLanguage)}. Respondents see the language their browser asks for when the survey has it, and{" "}
        {languageName(defaultLanguage)} otherwise; a text without a translation is shown in {languageName(defaultLanguage)}.
      </p>
      <div className="translations-controls">
        {translated.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-lang`}>Language</label>
            <select id={`${id}-lang`} value={lang} onChange={(event) => choose(event.target.value)}>
              {translated.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-add`}>Add a language</label>
          <div className="translations-add">
            <select id={`${id}-add`} value={adding} onChange={(event) => setAdding(event.target.value)}>
              <option value="">Choose a language…</option>
              {addable.map((l) => (
                <option key={l.tag} value={l.tag}>
                  {l.name}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary" onClick={addLanguage} disabled={!adding}>
              Add
            </button>
          </div>
        </div>
      </div>

      {!lang && <p className="empty-state">This survey has no other language yet. Add one to translate its texts.</p>}

      {lang && (
        <>
          <div className="translations-status">
            <p role="status" data-testid="missing-count">
              {missing.length === 0
                ? `Every text has a ${languageName(lang)} translation.`
                : `${missing.length} of ${texts.length} texts have no ${languageName(lang)} translation yet; respondents see them in ${languageName(defaultLanguage)}.`}
            </p>
            <label className="inline-check">
              <input
                type="checkbox"
                checked={missingShown !== null}
                onChange={(event) => setMissingShown(event.target.checked ? new Set(missing.map((t) => t.path)) : null)}
              />
              Only missing translations
            </label>
          </div>
          <ScrollRegion label={`Texts and their ${languageName(lang)} translations`}>
            <table className="table translations-table">
              <thead>
                <tr>
                  <th scope="col">Text</th>
                  <th scope="col">{languageName(defaultLanguage)}</th>
                  <th scope="col">{languageName(lang)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <TranslationRow key={entry.path} entry={entry} lang={lang} langName={languageName(lang)} onChange={(text) => translate(entry, text)} />
                ))}
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={3}>{missingShown ? "Nothing was missing when you chose to see only missing translations." : "This survey has no texts yet."}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </ScrollRegion>
          <details className="translations-preview" onToggle={(event) => setPreviewOpen(event.currentTarget.open)}>
            <summary>Preview in {languageName(lang)}</summary>
            {previewOpen && (
              <div className="preview-frame" data-testid="translation-preview">
                <Suspense fallback={<Loading>Loading the preview…</Loading>}>
                  <SurveyPreview definition={definition} revision={revision.current.count} locale={lang} />
                </Suspense>
              </div>
            )}
          </details>
        </>
      )}
    </section>
  );
}

function TranslationRow({ entry, lang, langName, onChange }: { entry: TextEntry; lang: string; langName: string; onChange: (text: string) => void }) {
  const inputId = useId();
  const value = translationOf(entry.value, lang);
  const isMissing = !value.trim();
  const long = entry.text.length > LONG_TEXT || entry.text.includes("\n");
  const inputProps = {
    id: inputId,
    value,
    lang,
    "aria-describedby": isMissing ? `${inputId}-missing` : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <tr data-missing={isMissing || undefined}>
      <th scope="row">
        <span className="cell-note">{entry.group}</span>
        <label htmlFor={inputId}>
          {entry.label}
          <span className="sr-only">
            {" "}
            of {entry.group}, in {langName}
          </span>
        </label>
      </th>
      <td className="translations-source">{entry.text}</td>
      <td>
        {long ? <textarea rows={3} {...inputProps} /> : <input type="text" {...inputProps} />}
        {isMissing && (
          <span id={`${inputId}-missing`} className="badge badge-warn translations-missing">
            Missing
          </span>
        )}
      </td>
    </tr>
  );
}
