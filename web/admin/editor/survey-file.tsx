// A survey as a file: the draft downloaded as SurveyJS JSON, or a file put in the draft's place (checked like
// typed JSON, and after asking when there are unsaved changes). Saving still goes through the server's checks.
import { useRef, useState, type ChangeEvent } from "react";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { formatDefinition, parseDefinition } from "./survey-json";

// The server takes survey definitions up to this size.
const MAX_BYTES = 512 * 1024;

const fileName = (title: string) => `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "survey"}.survey.json`;

export function SurveyFile({ text, title, editable, dirty, onImport }: { text: string; title: string; editable: boolean; dirty: boolean; onImport: (text: string) => void }) {
  const [problem, setProblem] = useState("");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(title);
    link.click();
    URL.revokeObjectURL(url);
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setProblem("");
    if (file.size > MAX_BYTES) return setProblem(`“${file.name}” is larger than 512 KB, the most a survey may be.`);
    const parsed = parseDefinition(await file.text());
    if (!parsed.ok) return setProblem(`“${file.name}” is not SurveyJS JSON: line ${parsed.line}, column ${parsed.column}: ${parsed.message}.`);
    const replace = () => onImport(formatDefinition(parsed.value));
    if (!dirty) return replace();
    setConfirm({
      title: "Replace the draft with this file?",
      body: <p>The changes you have not saved yet are lost. Nothing is saved until you press Save draft.</p>,
      action: "Replace the draft",
      run: async () => replace(),
    });
  };

  return (
    <div className="survey-file" data-testid="survey-file">
      <button type="button" className="button secondary small" onClick={download}>
        Download survey file
      </button>
      {editable && (
        <>
          <button type="button" className="button secondary small" onClick={() => input.current?.click()}>
            Import a survey file
          </button>
          {/* Opened by the button above, which keyboard users reach and see focused; the input itself stays out of the way. */}
          <input ref={input} type="file" accept=".json,application/json" hidden tabIndex={-1} aria-label="Survey file to import" onChange={(e) => void pick(e)} />
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
