// The survey JSON textarea: Tab indents, and Escape then Tab still leaves it, so the keyboard never gets stuck.
import { useRef, type KeyboardEvent, type Ref } from "react";

type Props = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  invalid: boolean;
  describedBy: string;
  ref?: Ref<HTMLTextAreaElement>;
};

const indent = "  ";

export function JsonEditor({ id, value, onChange, readOnly, invalid, describedBy, ref }: Props) {
  const escaped = useRef(false);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      escaped.current = true;
      return;
    }
    const leaving = escaped.current;
    escaped.current = false;
    if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || leaving || readOnly) return;
    event.preventDefault();
    const area = event.currentTarget;
    // insertText keeps the browser's undo history; the fallback covers engines that dropped execCommand.
    if (!document.execCommand?.("insertText", false, indent)) {
      const { selectionStart: start, selectionEnd: end } = area;
      area.setRangeText(indent, start, end, "end");
      onChange(area.value);
    }
  };

  return (
    <textarea
      id={id}
      ref={ref}
      className="json-editor"
      aria-label="Survey JSON"
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
      readOnly={readOnly}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      wrap="off"
    />
  );
}
