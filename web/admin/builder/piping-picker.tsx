// The "Insert field" menu next to a text box, and piped texts shown with their fields as chips.
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from "react";
import "./builder-parts.css";
import { describePiped, insertAt, pipedFields, placeholderOf } from "./piping";

type Props = {
  /** The input or textarea the placeholder goes into, at its caret (or in place of its selection). */
  targetRef: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  value: string;
  onChange: (next: string) => void;
  /** What the text box is, for the button's accessible name: "Insert field into the title". */
  fieldLabel?: string;
};

export function PipingPicker({ targetRef, value, onChange, fieldLabel }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  // The caret to restore once the new value has come back down from the parent.
  const pendingCaret = useRef<number | null>(null);

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    const target = targetRef.current;
    if (pendingCaret.current === null || !target || target.value !== value) return;
    target.focus();
    target.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [value, targetRef]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };

  const insert = (index: number) => {
    const target = targetRef.current;
    const field = pipedFields[index]!;
    // Without a caret (never focused), the field goes at the end.
    const start = target?.selectionStart ?? value.length;
    const end = target?.selectionEnd ?? start;
    const next = insertAt(value, start, end, placeholderOf(field.name));
    pendingCaret.current = next.caret;
    setOpen(false);
    onChange(next.value);
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const last = pipedFields.length - 1;
    const moves: Record<string, number> = { ArrowDown: active === last ? 0 : active + 1, ArrowUp: active === 0 ? last : active - 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      // Back to the button rather than on from a menu that is about to disappear.
      event.preventDefault();
      close(true);
    }
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openAt(event.key === "ArrowDown" ? 0 : pipedFields.length - 1);
    }
  };

  // Focus leaving the button and its menu for anywhere else closes the menu.
  const onBlur = (event: FocusEvent) => {
    if (open && !wrapperRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div className="piping-picker" ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button secondary small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={fieldLabel ? `Insert field into the ${fieldLabel}` : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
        onBlur={onBlur}
      >
        Insert field <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label="Fields from the interaction" className="piping-menu" onKeyDown={onMenuKey} onBlur={onBlur}>
          {pipedFields.map((field, index) => (
            <button
              key={field.name}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              onClick={() => insert(index)}
            >
              <span>{field.label}</span>
              <span className="piping-code">{placeholderOf(field.name)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A text with its piped fields as chips, e.g. for a question's title on the canvas. */
export function PipedText({ text }: { text: string }) {
  return (
    <>
      {describePiped(text).map((part, i) =>
        part.kind === "text" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text in order, never reordered
          <span key={i}>{part.text}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text in order, never reordered
          <span key={i} className="piped-chip">
            {part.label}
          </span>
        ),
      )}
    </>
  );
}
