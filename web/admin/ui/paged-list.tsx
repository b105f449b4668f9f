// Lists from paged endpoints (`{items, nextCursor}`): the first page on mount, more on request.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, isAbort } from "../../shared/api";
import type { Page } from "../api-types";

const withCursor = (url: string, cursor: string | null) =>
  cursor ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : url;

export function usePagedList<T extends { id: string }>(url: string | null) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    setProblem(null);
    api.get<Page<T>>(url, { signal: controller.signal }).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
      },
      (err) => {
        if (!isAbort(err)) setProblem(err);
      },
    );
    return () => controller.abort();
  }, [url, revision]);

  const loadMore = useCallback(async () => {
    if (!url || !nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get<Page<T>>(withCursor(url, nextCursor));
      // A row added meanwhile can shift into the next page; keep each id once.
      setItems((list) => [...(list ?? []), ...page.items.filter((p) => !list?.some((q) => q.id === p.id))]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setProblem(err);
    } finally {
      setLoadingMore(false);
    }
  }, [url, nextCursor]);

  const reload = useCallback(() => setRevision((n) => n + 1), []);

  return { items, setItems, nextCursor, problem, loadMore, loadingMore, reload };
}

/** Every page of a list, for pickers that need the whole of a short list. */
export async function fetchAllPages<T>(url: string, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(withCursor(url, cursor), { signal });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export function LoadMore({ list, label = "Load more" }: { list: { nextCursor: string | null; loadMore: () => Promise<void>; loadingMore: boolean }; label?: string }) {
  const [used, setUsed] = useState(false);
  const endRef = useRef<HTMLParagraphElement>(null);
  const ended = used && !list.nextCursor && !list.loadingMore;
  // The button disappears with the last page; keep keyboard focus here instead of dropping it to the page.
  useEffect(() => {
    if (ended) endRef.current?.focus();
  }, [ended]);
  if (ended) {
    return (
      <p className="load-more-row muted" tabIndex={-1} ref={endRef}>
        That is everything.
      </p>
    );
  }
  if (!list.nextCursor) return null;
  return (
    <p className="load-more-row">
      <button
        type="button"
        className="button secondary load-more"
        // aria-disabled, not disabled: a disabled button loses focus while the next page loads.
        aria-disabled={list.loadingMore || undefined}
        onClick={() => {
          if (list.loadingMore) return;
          setUsed(true);
          void list.loadMore();
        }}
      >
        {list.loadingMore ? "Loading…" : label}
      </button>
    </p>
  );
}
