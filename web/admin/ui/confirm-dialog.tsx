// A modal confirmation before an action that cannot be undone from the page (deactivate, revoke, ...).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";

export type Confirm = { title: string; body: ReactNode; action: string; run: () => Promise<void> };

export function ConfirmDialog({ confirm, onClose }: { confirm: Confirm | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (confirm && dialog && !dialog.open) dialog.showModal();
    if (!confirm && dialog?.open) dialog.close();
  }, [confirm]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirm) return;
    setBusy(true);
    try {
      await confirm.run();
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-heading" onClose={onClose} data-testid="confirm-dialog">
      {confirm && (
        <form onSubmit={submit}>
          <h2 id="confirm-heading">{confirm.title}</h2>
          {confirm.body}
          <div className="actions">
            <button type="submit" className="button danger" disabled={busy}>
              {confirm.action}
            </button>
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

