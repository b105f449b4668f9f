// Saves a customer's answers as they go, so the link resumes on any tab or device, and merges another tab's saves.
import type { SurveyModel } from "survey-core";

export type SaveState = "idle" | "saving" | "saved" | "retrying";
export type SavedProgress = { data: Record<string, unknown>; currentPage: number; revision: number };

type Handlers = {
  state: (s: SaveState) => void;
  /** This tab's answers now include newer ones saved elsewhere. */
  merged: () => void;
  /** Everything typed here is on the server: local copies may go. */
  saved: () => void;
  /** The survey was submitted elsewhere; `lost` when this tab had changes that never reached the server. */
  answered: (lost: boolean) => void;
  ended: (status: 404 | 410) => void;
};

const DEBOUNCE_MS = 800;
// Public endpoints are rate-limited per network address, which a whole office may share: a quick typist saves
// at most every few seconds (a page change or leaving the page still saves at once).
const MIN_GAP_MS = 3000;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The answers with the keys changed here (since `base`) laid over `theirs`; a key cleared here stays cleared. */
export function mergeAnswers(base: Record<string, unknown>, mine: Record<string, unknown>, theirs: Record<string, unknown>) {
  const merged = { ...theirs };
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (same(base[key], mine[key])) continue;
    if (mine[key] === undefined) delete merged[key];
    else merged[key] = mine[key];
  }
  return merged;
}

export class ProgressSaver {
  #revision = 0;
  #base: Record<string, unknown> = {};
  #basePage = 0;
  #furthest = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #busy = false;
  #again = false;
  #stopped = false;
  #retryMs = 2000;
  #lastSentAt = 0;
  // Only a person's own change is saved: a link scanner that loads the page (even with a rating picked in the email) saves nothing.
  #touched = false;

  constructor(
    private readonly url: string,
    private readonly model: SurveyModel,
    saved: SavedProgress | undefined,
    private readonly on: Handlers,
  ) {
    if (saved) this.#adopt(saved);
    this.#furthest = Math.max(this.#furthest, model.currentPageNo);
  }

  #adopt(saved: SavedProgress) {
    this.#revision = saved.revision;
    this.#base = saved.data;
    this.#basePage = saved.currentPage;
    this.#furthest = Math.max(this.#furthest, saved.currentPage);
  }

  /** Whether this tab has answers or a page the server has not stored. */
  get dirty() {
    return !same(this.#base, this.model.data) || this.#basePage !== this.model.currentPageNo;
  }

  /** A value changed: save once the customer pauses. */
  changed() {
    this.#touched = true;
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), Math.max(DEBOUNCE_MS, this.#lastSentAt + MIN_GAP_MS - Date.now()));
  }

  /** The page changed: save now. */
  pageChanged() {
    this.#furthest = Math.max(this.#furthest, this.model.currentPageNo);
    this.#touched = true;
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    void this.save();
  }

  /** The page is being hidden or left: a request that outlives it. */
  flush() {
    if (this.#stopped || !this.#touched || !this.dirty || this.#busy) return;
    clearTimeout(this.#timer);
    void this.save(true);
  }

  /** Submitting, or gone: no more saves. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  resume() {
    this.#stopped = false;
  }

  #body() {
    const data = this.model.data as Record<string, unknown>;
    const currentPage = this.model.currentPageNo;
    return { data, currentPage, body: JSON.stringify({ data, currentPage, furthestPage: this.#furthest, revision: this.#revision }) };
  }

  async save(keepalive = false): Promise<void> {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    if (!this.dirty && this.#revision > 0) return this.on.state("saved");
    this.#busy = true;
    this.#lastSentAt = Date.now();
    this.on.state("saving");
    const sent = this.#body();
    let retry = false;
    try {
      const res = await fetch(this.url, { method: "PUT", headers: { "content-type": "application/json", accept: "application/json" }, body: sent.body, keepalive });
      const payload = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.ok) {
        this.#adopt({ data: sent.data, currentPage: sent.currentPage, revision: Number(payload.revision) });
        this.#retryMs = 2000;
        if (!this.dirty) this.on.saved();
        this.on.state("saved");
      } else if (res.status === 409 && payload.stale) {
        this.#mergeFrom(payload as unknown as SavedProgress);
        this.#again = true;
      } else if (res.status === 409) {
        this.stop();
        this.on.answered(this.dirty);
      } else if (res.status === 404 || res.status === 410) {
        this.stop();
        this.on.ended(res.status);
      } else {
        retry = true;
      }
    } catch {
      retry = true;
    } finally {
      this.#busy = false;
    }
    if (retry && !this.#stopped) {
      this.on.state("retrying");
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.save(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 30_000);
    } else if (this.#again) {
      this.#again = false;
      await this.save();
    }
  }

  /** Another tab or device saved since this one last did: keep what was changed here, take the rest from there. */
  #mergeFrom(theirs: SavedProgress) {
    const mine = this.model.data as Record<string, unknown>;
    const news = !same(theirs.data, this.#base);
    const merged = mergeAnswers(this.#base, mine, theirs.data);
    this.#revision = theirs.revision;
    this.#base = theirs.data;
    this.#basePage = theirs.currentPage;
    if (!same(merged, mine)) this.model.data = merged;
    if (news) this.on.merged();
  }

  /** Looks again when the tab comes back into view: submitted elsewhere, or newer answers saved there. */
  async refresh(openUrl: string): Promise<void> {
    if (this.#stopped || this.#busy) return;
    try {
      const res = await fetch(openUrl, { headers: { accept: "application/json" } });
      if (this.#stopped) return;
      if (res.status === 409) {
        this.stop();
        return this.on.answered(this.dirty);
      }
      if (!res.ok) return;
      const progress = ((await res.json()) as { progress?: SavedProgress }).progress;
      if (progress && progress.revision > this.#revision) {
        this.#mergeFrom(progress);
        if (this.dirty) await this.save();
      }
    } catch {
      // Offline: the next save will tell.
    }
  }
}
