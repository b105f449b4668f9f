// Lists from paged endpoints (`{items, nextCursor}`): the first page on mount, more on request.
import { useInfiniteQuery, type InfiniteData, type QueryKey, type UseInfiniteQueryOptions } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Page } from "../queries";

type PagedOptions<T> = UseInfiniteQueryOptions<Page<T>, Error, InfiniteData<Page<T>>, QueryKey, string | undefined>;

export type PagedList<T> = {
  items: T[] | null;
  problem: unknown;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  reload: () => Promise<void>;
};

export function usePagedList<T extends { id: string }>(options: PagedOptions<T>): PagedList<T> {
  const query = useInfiniteQuery(options);
  const { data, error, hasNextPage, fetchNextPage, isFetchingNextPage, refetch } = query;
  const items = useMemo(() => {
    if (!data) return null;
    // A row added meanwhile can shift into the next page; keep each id once.
    const seen = new Set<string>();
    return data.pages.flatMap((page) => page.items).filter((item) => !seen.has(item.id) && !!seen.add(item.id));
  }, [data]);
  return {
    items,
    problem: error,
    hasMore: hasNextPage,
    loadMore: async () => {
      if (hasNextPage && !isFetchingNextPage) await fetchNextPage();
    },
    loadingMore: isFetchingNextPage,
    reload: async () => {
      await refetch();
    },
  };
}

export function LoadMore({ list, label = "Load more" }: { list: Pick<PagedList<unknown>, "hasMore" | "loadMore" | "loadingMore">; label?: string }) {
  const [used, setUsed] = useState(false);
  const endRef = useRef<HTMLParagraphElement>(null);
  const ended = used && !list.hasMore && !list.loadingMore;
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
  if (!list.hasMore) return null;
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
