// The visual builder: a palette of blocks, the pages and their questions as cards, and the chosen question's
// properties. Every change is a new definition handed to the page, which keeps the JSON as its one draft.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { DIMENSION_PREFIX, parseMetricRole, slugDimension } from "../../../server/domain/metric-roles";
import {
  addBlock,
  choicesText,
  dimensionsOf,
  displayOf,
  duplicate,
  elementAt,
  emptyHistory,
  kindLabels,
  moveBy,
  moveFlat,
  palette,
  readPages,
  record,
  redo,
  remove,
  removePageBreak,
  rolesFor,
  scaleChoice,
  scaleOf,
  setChoices,
  setDimensions,
  setDisplay,
  textOf,
  undo,
  updateElement,
  type BlockKind,
  type CsatDisplay,
  type Entry,
  type History,
  type JsonObject,
  type Placement,
  type Position,
} from "./model";
import { LogicEditor } from "./logic-editor";
import { PipedText, PipingPicker } from "./piping-picker";
import "./builder.css";

type Props = { definition: JsonObject; onChange: (next: JsonObject) => void; editable: boolean };

// Palette buttons show the block's short label and are announced as "Add NPS question"; these labels name no question.
const notQuestions: BlockKind[] = ["loyalty", "dimension", "dimensions", "page-break"];

const roleLabels: Record<string, string> = { nps: "NPS", csat: "CSAT", ces: "CES", loyalty: "Loyalty", dimension: "Dimension", comment: "Comment" };
const displayLabels: Record<CsatDisplay, string> = { labels: "Numbers", stars: "Stars", smileys: "Faces" };

const named = (entry: Entry) => entry.title || entry.name || kindLabels[entry.kind];

function roleText(metric: string): string {
  if (!metric) return "";
  const parsed = parseMetricRole(metric);
  if (!parsed.ok) return metric;
  return parsed.kind === "dimension" ? `Dimension “${parsed.dimension}”` : roleLabels[parsed.kind]!;
}

type Target = { after: string } | { endOfPage: number } | null;
type Focus = { key: string; control: string } | { control: "status" };
/** What the status line says, and the button it offers to take the last step back (or forward again). */
type Status = { text: string; offer: "undo" | "redo" | null };

export default function Builder({ definition, onChange, editable }: Props) {
  const [history, setHistory] = useState<History>(emptyHistory);
  const [selected, setSelected] = useState<string | null>(null);
  const [target, setTarget] = useState<Target>(null);
  const [status, setStatus] = useState<Status>({ text: "", offer: null });
  const [askingDimensions, setAskingDimensions] = useState(false);
  const focusNext = useRef<Focus | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const pages = useMemo(() => readPages(definition), [definition]);
  const flat = useMemo(() => pages.flatMap((p) => p.entries), [pages]);
  const byKey = useMemo(() => new Map(flat.map((e) => [e.key, e])), [flat]);
  const keyAt = (definitionNow: JsonObject, at: Position) => readPages(definitionNow)[at.page]?.entries[at.index]?.key ?? null;

  // Moving a card re-creates or re-orders its DOM node, which drops focus: put it back where the person was.
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted) return;
    focusNext.current = null;
    const scope = root.current;
    if (!scope) return;
    const el =
      "key" in wanted
        ? (scope.querySelector<HTMLElement>(`[data-card="${CSS_escape(wanted.key)}"] [data-control="${wanted.control}"]:not(:disabled)`) ??
          scope.querySelector<HTMLElement>(`[data-card="${CSS_escape(wanted.key)}"] [data-control="select"]`))
        : scope.querySelector<HTMLElement>(`[data-control="${wanted.control}"]`);
    el?.focus();
  });

  const change = (next: JsonObject, streak: string | null = null) => {
    if (next === definition) return;
    setHistory((h) => record(h, definition, streak));
    if (streak === null) setStatus({ text: "", offer: null });
    onChange(next);
  };

  const step = (direction: "undo" | "redo") => {
    const result = direction === "undo" ? undo(history, definition) : redo(history, definition);
    if (!result) {
      setStatus({ text: direction === "undo" ? "Nothing to undo." : "Nothing to redo.", offer: null });
      return;
    }
    setHistory(result.history);
    setStatus({ text: direction === "undo" ? "Undone." : "Redone.", offer: direction === "undo" ? "redo" : "undo" });
    // Taken from the status line, whose button changes: focus stays there rather than falling out of the builder.
    if (root.current?.querySelector(".builder-status")?.contains(document.activeElement)) focusNext.current = { control: "status" };
    onChange(result.definition);
  };

  const placement = (): Placement => {
    if (target && "after" in target) {
      const entry = byKey.get(target.after);
      if (entry) return { after: entry };
    }
    if (target && "endOfPage" in target && target.endOfPage < pages.length) return { endOfPage: target.endOfPage };
    return "end";
  };

  const add = (kind: BlockKind, dimensions?: string[]) => {
    const where = placement();
    const result = addBlock(definition, kind, where, { dimensions });
    change(result.definition);
    if (result.added) {
      const entry = readPages(result.definition)[result.added.page]?.entries[result.added.index];
      setSelected(entry?.key ?? null);
      setTarget(entry ? { after: entry.key } : null);
      setStatus({ text: entry ? `Added “${named(entry)}” on page ${entry.page + 1}; its properties are open below it.` : "", offer: null });
    } else {
      // The new page is the one after the break: later blocks go there.
      const newPage = typeof where === "object" && "after" in where ? where.after.page + 1 : typeof where === "object" ? where.endOfPage + 1 : pages.length;
      setSelected(null);
      setTarget({ endOfPage: newPage });
      setStatus({ text: `Added a page break: page ${newPage + 1} starts here.`, offer: null });
    }
  };

  const select = (key: string) => {
    const open = selected === key ? null : key;
    setSelected(open);
    setTarget(open ? { after: open } : null);
  };

  const move = (entry: Entry, direction: -1 | 1) => {
    const result = moveBy(definition, entry, direction);
    if (result.definition === definition) return;
    change(result.definition);
    focusNext.current = { key: entry.key, control: direction === -1 ? "up" : "down" };
    setStatus({ text: `Moved “${named(entry)}” to position ${flatIndex(result.definition, result.at) + 1} of ${flat.length}.`, offer: null });
  };

  const copy = (entry: Entry) => {
    const result = duplicate(definition, entry);
    change(result.definition);
    const key = keyAt(result.definition, result.added);
    if (key) {
      setSelected(key);
      setTarget({ after: key });
      focusNext.current = { key, control: "select" };
    }
    setStatus({ text: `Duplicated “${named(entry)}”.`, offer: null });
  };

  const drop = (entry: Entry) => {
    change(remove(definition, entry));
    if (selected === entry.key) setSelected(null);
    setStatus({ text: `Deleted “${named(entry)}”.`, offer: "undo" });
    focusNext.current = { control: "status" };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!editable || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "z") {
      event.preventDefault();
      step(event.shiftKey ? "redo" : "undo");
    } else if (key === "y") {
      event.preventDefault();
      step("redo");
    }
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const titleOf = (id: UniqueIdentifier) => {
    const entry = byKey.get(String(id));
    return entry ? named(entry) : "the question";
  };
  const positionOf = (id: UniqueIdentifier | undefined) => flat.findIndex((e) => e.key === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up “${titleOf(active.id)}”, at position ${positionOf(active.id)} of ${flat.length}.`,
    onDragOver: ({ active, over }) => (over ? `“${titleOf(active.id)}” is over position ${positionOf(over.id)} of ${flat.length}.` : `“${titleOf(active.id)}” is not over a place to drop.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped “${titleOf(active.id)}” at position ${positionOf(over.id)} of ${flat.length}.` : `Dropped “${titleOf(active.id)}”; it stays where it was.`),
    onDragCancel: ({ active }) => `Moving “${titleOf(active.id)}” was cancelled; it stays where it was.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = flat.findIndex((e) => e.key === active.id);
    const to = flat.findIndex((e) => e.key === over.id);
    change(moveFlat(definition, from, to));
    focusNext.current = { key: String(active.id), control: "drag" };
  };

  const where =
    target && "after" in target && byKey.get(target.after)
      ? `New blocks go after “${named(byKey.get(target.after)!)}”.`
      : target && "endOfPage" in target && target.endOfPage < pages.length
        ? `New blocks go at the end of page ${target.endOfPage + 1}.`
        : "New blocks go at the end of the survey.";

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: undo and redo keys are heard from whichever control inside has focus.
    <div className="builder" ref={root} onKeyDown={onKeyDown} data-testid="builder">
      {editable && (
        <section className="builder-palette" aria-labelledby="builder-palette-heading">
          <h3 id="builder-palette-heading">Add a block</h3>
          <ul className="builder-blocks">
            {palette.map((block) => (
              <li key={block.kind}>
                <button
                  type="button"
                  className="button secondary small"
                  aria-expanded={block.kind === "dimensions" ? askingDimensions : undefined}
                  onClick={() => (block.kind === "dimensions" ? setAskingDimensions((a) => !a) : add(block.kind))}
                >
                  <span className="sr-only">Add </span>
                  {block.label}
                  {!notQuestions.includes(block.kind) && <span className="sr-only"> question</span>}
                </button>
              </li>
            ))}
          </ul>
          {askingDimensions && (
            <DimensionsForm
              onAdd={(names) => {
                setAskingDimensions(false);
                add("dimensions", names);
              }}
              onCancel={() => setAskingDimensions(false)}
            />
          )}
          <p className="hint">{where}</p>
        </section>
      )}

      <div className="builder-history">
        {editable && (
          <>
            <button type="button" className="button secondary small" disabled={history.past.length === 0} onClick={() => step("undo")} aria-keyshortcuts="Control+Z">
              Undo
            </button>
            <button type="button" className="button secondary small" disabled={history.future.length === 0} onClick={() => step("redo")} aria-keyshortcuts="Control+Shift+Z Control+Y">
              Redo
            </button>
          </>
        )}
        <p role="status" className="builder-status" data-testid="builder-status">
          {status.text}
          {status.offer && (
            <>
              {" "}
              <button type="button" className="link-button" data-control="status" onClick={() => step(status.offer ?? "undo")}>
                {status.offer === "undo" ? "Undo" : "Redo"}
              </button>
            </>
          )}
        </p>
      </div>

      {flat.length === 0 && pages.length <= 1 ? (
        <div className="builder-empty">
          <p>
            <strong>This survey has no questions yet.</strong>
          </p>
          <p className="muted">{editable ? "Add the first one from the blocks above: an NPS question is a good start." : "A manager can add them."}</p>
        </div>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable: "To move this question, press Space or Enter, then the up and down arrow keys; Space or Enter drops it, Escape cancels.",
            },
          }}
        >
          <SortableContext items={flat.map((e) => e.key)} strategy={verticalListSortingStrategy}>
            <div className="builder-canvas">
              {pages.map((page, p) => (
                <section key={page.name + String(p)} className="builder-page" aria-labelledby={`builder-page-${p}`}>
                  {p > 0 && (
                    <div className="builder-break">
                      <span>Page break</span>
                      {editable && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            change(removePageBreak(definition, p));
                            setStatus({ text: `Removed the page break: page ${p + 1} joined page ${p}.`, offer: "undo" });
                            focusNext.current = { control: "status" };
                          }}
                        >
                          Remove page break before page {p + 1}
                        </button>
                      )}
                    </div>
                  )}
                  <h3 id={`builder-page-${p}`} className="builder-page-heading">
                    Page {p + 1}
                  </h3>
                  {page.entries.length === 0 ? (
                    <p className="muted small">No questions on this page yet: add one, move one here, or remove the page break.</p>
                  ) : (
                    <ol className="builder-cards">
                      {page.entries.map((entry) => (
                        <Card
                          key={entry.key}
                          entry={entry}
                          // As moveBy goes: past a page's edge into the next page, even an empty one.
                          first={p === 0 && entry.index === 0}
                          last={p === pages.length - 1 && entry.index === page.entries.length - 1}
                          selected={selected === entry.key}
                          editable={editable}
                          onSelect={() => select(entry.key)}
                          onMove={(d) => move(entry, d)}
                          onDuplicate={() => copy(entry)}
                          onDelete={() => drop(entry)}
                        >
                          {selected === entry.key && (
                            <Properties element={elementAt(definition, entry) ?? {}} entry={entry} definition={definition} change={change} />
                          )}
                        </Card>
                      ))}
                    </ol>
                  )}
                </section>
              ))}
            </div>
          </SortableContext>
        </DndContext>
      )}
    </div>
  );
}

function flatIndex(definition: JsonObject, at: Position): number {
  const pages = readPages(definition);
  return pages.slice(0, at.page).reduce((n, p) => n + p.entries.length, 0) + at.index;
}

// Keys are question names, which may hold quotes; attribute selectors need them escaped.
const CSS_escape = (value: string) => globalThis.CSS.escape(value);

function DimensionsForm({ onAdd, onCancel }: { onAdd: (names: string[]) => void; onCancel: () => void }) {
  const [text, setText] = useState("");
  const names = text.split(/\r?\n/).filter((l) => l.trim());
  return (
    <div className="builder-ask">
      <label htmlFor="builder-new-dimensions">Dimensions, one per line</label>
      <textarea
        id="builder-new-dimensions"
        rows={4}
        value={text}
        // biome-ignore lint/a11y/noAutofocus: the field is what the button just asked for.
        autoFocus
        aria-describedby="builder-new-dimensions-hint"
        onChange={(e) => setText(e.target.value)}
      />
      <p id="builder-new-dimensions-hint" className="hint">
        For example: Reception environment, Location, Time taken. Each becomes a 1–5 rating measuring that dimension.
      </p>
      <div className="actions">
        <button type="button" className="button small" disabled={names.length === 0} onClick={() => onAdd(names)}>
          Add {names.length || ""} dimension ratings
        </button>
        <button type="button" className="button secondary small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

type CardProps = {
  entry: Entry;
  first: boolean;
  last: boolean;
  selected: boolean;
  editable: boolean;
  onSelect: () => void;
  onMove: (direction: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  children: ReactNode;
};

function Card({ entry, first, last, selected, editable, onSelect, onMove, onDuplicate, onDelete, children }: CardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: entry.key, disabled: !editable });
  const title = named(entry);
  const role = roleText(entry.metric);
  const propsId = `builder-props-${entry.page}-${entry.index}`;
  const heading = (
    <span className="builder-card-title">
      <PipedText text={title} />
      {entry.required && (
        <span className="builder-required">
          {" "}
          <span aria-hidden="true">*</span>
          <span className="sr-only">(required)</span>
        </span>
      )}
    </span>
  );
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`builder-card${selected ? " is-selected" : ""}${isDragging ? " is-dragging" : ""}`}
      data-card={entry.key}
      data-testid="builder-card"
    >
      <div className="builder-card-head">
        {editable && (
          <button type="button" className="builder-handle" ref={setActivatorNodeRef} data-control="drag" {...attributes} {...listeners} aria-label={`Drag “${title}” to reorder`}>
            <span aria-hidden="true">⋮⋮</span>
          </button>
        )}
        <div className="builder-card-body">
          {editable ? (
            <button type="button" className="builder-card-select" data-control="select" aria-expanded={selected} aria-controls={selected ? propsId : undefined} onClick={onSelect}>
              {heading}
            </button>
          ) : (
            <div className="builder-card-select">
              {heading}
            </div>
          )}
          <span className="builder-card-meta">
            <span className="badge">{kindLabels[entry.kind]}</span>
            {role && <span className="badge badge-role-metric">Metric: {role}</span>}
            {entry.name && <code className="muted">{entry.name}</code>}
          </span>
          {entry.children.length > 0 && <span className="builder-card-children">{entry.children.join(" · ")}</span>}
        </div>
      </div>
      {editable && (
        <div className="builder-card-actions">
          <button type="button" className="button secondary small" data-control="up" disabled={first} onClick={() => onMove(-1)}>
            Move up
            <span className="sr-only"> “{title}”</span>
          </button>
          <button type="button" className="button secondary small" data-control="down" disabled={last} onClick={() => onMove(1)}>
            Move down
            <span className="sr-only"> “{title}”</span>
          </button>
          <button type="button" className="button secondary small" data-control="duplicate" onClick={onDuplicate}>
            Duplicate
            <span className="sr-only"> “{title}”</span>
          </button>
          <button type="button" className="button secondary small danger-text" data-control="delete" onClick={onDelete}>
            Delete
            <span className="sr-only"> “{title}”</span>
          </button>
        </div>
      )}
      {selected && editable && (
        <div id={propsId} className="builder-props">
          {children}
        </div>
      )}
    </li>
  );
}

type PropertiesProps = { element: JsonObject; entry: Entry; definition: JsonObject; change: (next: JsonObject, streak?: string | null) => void };

function Properties({ element, entry, definition, change }: PropertiesProps) {
  const titleRef = useRef<HTMLTextAreaElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const id = (field: string) => `builder-${field}-${entry.page}-${entry.index}`;
  const streak = (field: string) => `${entry.key}:${field}`;
  const setText = (field: string, value: string) => change(updateElement(definition, entry, {}, { [field]: value }), streak(field));
  const set = (changes: JsonObject) => change(updateElement(definition, entry, changes));
  const isRating = element.type === "rating";
  const isChoice = element.type === "radiogroup" || element.type === "checkbox" || element.type === "dropdown";
  const isGroup = entry.kind === "dimensions";
  const roles = rolesFor(element);
  const parsed = parseMetricRole(element.metric);
  const currentRole = !entry.metric ? "" : parsed.ok ? parsed.kind : entry.metric;

  const pickRole = (value: string) => {
    if (value === "") return set({ metric: undefined });
    if (value === "dimension") return set({ metric: `${DIMENSION_PREFIX}${slugDimension(entry.title || entry.name) || "rating"}` });
    set({ metric: value });
  };

  return (
    <fieldset className="builder-fields">
      <legend className="sr-only">Properties of “{named(entry)}”</legend>
      <div className="field">
        <label htmlFor={id("title")}>{isGroup || element.type === "panel" ? "Group heading" : "Question text"}</label>
        <textarea ref={titleRef} id={id("title")} rows={2} value={textOf(element.title)} onChange={(e) => setText("title", e.target.value)} />
        <PipingPicker targetRef={titleRef} value={textOf(element.title)} onChange={(v) => setText("title", v)} fieldLabel="question text" />
      </div>
      <div className="field">
        <label htmlFor={id("description")}>Description (optional)</label>
        <input ref={descriptionRef} id={id("description")} value={textOf(element.description)} onChange={(e) => setText("description", e.target.value)} />
        <PipingPicker targetRef={descriptionRef} value={textOf(element.description)} onChange={(v) => setText("description", v)} fieldLabel="description" />
      </div>
      <div className="field field-check">
        <input id={id("required")} type="checkbox" checked={element.isRequired === true} onChange={(e) => set({ isRequired: e.target.checked || undefined })} />
        <label htmlFor={id("required")}>{isGroup ? "Every rating must be answered" : "An answer is required"}</label>
      </div>

      {isRating && <ScaleFields element={element} entry={entry} definition={definition} change={change} id={id} />}

      {isChoice && (
        <div className="field">
          <label htmlFor={id("choices")}>Choices, one per line</label>
          <textarea
            id={id("choices")}
            rows={5}
            aria-describedby={`${id("choices")}-hint`}
            value={choicesText(element)}
            onChange={(e) => change(setChoices(definition, entry, e.target.value), streak("choices"))}
          />
          <p id={`${id("choices")}-hint`} className="hint">
            Paste a list: bullets, numbers and blank lines are dropped.
          </p>
        </div>
      )}

      {isGroup && <DimensionsField element={element} entry={entry} definition={definition} change={change} id={id("dimensions")} />}

      {(roles.length > 0 || currentRole) && (
        <div className="field">
          <label htmlFor={id("role")}>Metric role</label>
          <select id={id("role")} aria-describedby={`${id("role")}-hint`} value={currentRole} onChange={(e) => pickRole(e.target.value)}>
            <option value="">None</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
            {currentRole && !(roles as string[]).includes(currentRole) && <option value={currentRole}>{currentRole} (does not fit this scale)</option>}
          </select>
          <p id={`${id("role")}-hint`} className="hint">
            What the answer measures in the analytics. Only roles that fit this question's scale are offered.
          </p>
        </div>
      )}
      {!isGroup && element.type !== "panel" && <LogicEditor definition={definition} questionName={entry.name} onChange={(next) => change(next)} />}
      {parsed.ok && parsed.kind === "dimension" && isRating && <DimensionName metric={entry.metric} id={id("dimension")} onName={(slug) => change(updateElement(definition, entry, { metric: `${DIMENSION_PREFIX}${slug}` }), streak("dimension"))} />}
    </fieldset>
  );
}

function ScaleFields({ element, entry, definition, change, id }: PropertiesProps & { id: (field: string) => string }) {
  const { min, max } = scaleOf(element);
  const choice = scaleChoice(element);
  const set = (changes: JsonObject) => change(updateElement(definition, entry, changes));
  const streak = (field: string) => `${entry.key}:${field}`;
  const setText = (field: string, value: string) => change(updateElement(definition, entry, {}, { [field]: value }), streak(field));
  const display = displayOf(element);
  return (
    <>
      {choice === "fixed" && (
        <p className="small">
          Scale {min} to {max}, set by the {roleText(entry.metric)} role.
        </p>
      )}
      {choice === "dimension" && (
        <div className="field">
          <label htmlFor={id("scale")}>Scale</label>
          <select id={id("scale")} value={`${min}-${max}`} onChange={(e) => set({ rateMin: 1, rateMax: e.target.value === "1-7" ? 7 : 5 })}>
            <option value="1-5">1 to 5</option>
            <option value="1-7">1 to 7</option>
          </select>
        </div>
      )}
      {choice === "free" && (
        <div className="builder-row">
          <div className="field">
            <label htmlFor={id("min")}>Lowest</label>
            <select id={id("min")} value={String(min)} onChange={(e) => set({ rateMin: Number(e.target.value) })}>
              <option value="0">0</option>
              <option value="1">1</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={id("max")}>Highest</label>
            <select id={id("max")} value={String(max)} onChange={(e) => set({ rateMax: Number(e.target.value) })}>
              {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {entry.metric !== "nps" && max - min < 10 && (
        <div className="field">
          <label htmlFor={id("display")}>Show the scale as</label>
          <select id={id("display")} value={display} onChange={(e) => change(setDisplay(definition, entry, e.target.value as CsatDisplay))}>
            {(Object.keys(displayLabels) as CsatDisplay[]).map((d) => (
              <option key={d} value={d}>
                {displayLabels[d]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="builder-row">
        <div className="field">
          <label htmlFor={id("low")}>Label at {min}</label>
          <input id={id("low")} value={textOf(element.minRateDescription)} onChange={(e) => setText("minRateDescription", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id("high")}>Label at {max}</label>
          <input id={id("high")} value={textOf(element.maxRateDescription)} onChange={(e) => setText("maxRateDescription", e.target.value)} />
        </div>
      </div>
    </>
  );
}

/** Applied when the field is left, so a half-typed name never becomes a question of its own. */
function DimensionsField({ element, entry, definition, change, id }: PropertiesProps & { id: string }) {
  const stored = dimensionsOf(element).join("\n");
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  return (
    <div className="field">
      <label htmlFor={id}>Dimensions, one per line</label>
      <textarea
        id={id}
        rows={5}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text !== stored) change(setDimensions(definition, entry, text.split(/\r?\n/)));
        }}
      />
      <p id={`${id}-hint`} className="hint">
        One rating per dimension, applied when you leave the field. Ratings that stay keep their wording.
      </p>
    </div>
  );
}

/** What is typed stays as typed; the role takes its slug, so "Time taken" is kept as dimension:time-taken. */
function DimensionName({ metric, id, onName }: { metric: string; id: string; onName: (slug: string) => void }) {
  const stored = metric.slice(DIMENSION_PREFIX.length);
  const [typed, setTyped] = useState(stored.replaceAll("-", " "));
  useEffect(() => setTyped((current) => (slugDimension(current) === stored ? current : stored.replaceAll("-", " "))), [stored]);
  return (
    <div className="field">
      <label htmlFor={id}>Dimension name</label>
      <input
        id={id}
        maxLength={60}
        value={typed}
        aria-describedby={`${id}-kept`}
        onChange={(e) => {
          setTyped(e.target.value);
          const slug = slugDimension(e.target.value);
          if (slug) onName(slug);
        }}
      />
      <p id={`${id}-kept`} className="hint">
        Kept as <code>{metric}</code>; answers with the same dimension name are analysed together.
      </p>
    </div>
  );
}
