// Build, Translate and Advanced (JSON): tabs over the same draft, operated as the ARIA tabs pattern (arrows, Home, End).
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import "./editor-tabs.css";

export type EditorTab = "build" | "translate" | "json";

const tabs: { id: EditorTab; label: string }[] = [
  { id: "build", label: "Build" },
  { id: "translate", label: "Translate" },
  { id: "json", label: "Advanced (JSON)" },
];

type Props = { tab: EditorTab; onTab: (tab: EditorTab) => void; build: ReactNode; translate: ReactNode; json: ReactNode };

/** Both panels stay mounted, so the builder keeps its undo history and the JSON its caret while the other is shown. */
export function EditorTabs({ tab, onTab, build, translate, json }: Props) {
  const refs = useRef<Partial<Record<EditorTab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === tab);
    const next =
      event.key === "ArrowRight" ? (at + 1) % tabs.length : event.key === "ArrowLeft" ? (at + tabs.length - 1) % tabs.length : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : -1;
    if (next < 0) return;
    event.preventDefault();
    const id = tabs[next]!.id;
    onTab(id);
    refs.current[id]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Ways to edit the survey" className="editor-tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`editor-tab-${t.id}`}
            className="editor-tab"
            aria-selected={tab === t.id}
            aria-controls={`editor-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="editor-panel-build" aria-labelledby="editor-tab-build" hidden={tab !== "build"}>
        {build}
      </div>
      <div role="tabpanel" id="editor-panel-translate" aria-labelledby="editor-tab-translate" hidden={tab !== "translate"}>
        {translate}
      </div>
      <div role="tabpanel" id="editor-panel-json" aria-labelledby="editor-tab-json" hidden={tab !== "json"}>
        {json}
      </div>
    </>
  );
}
