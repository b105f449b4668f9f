// The analytics screen: its heading at once, the dashboard (and its charts) fetched on the first visit so the app's first page stays small.
import { lazy, Suspense } from "react";
import type { AnalyticsSearch } from "../analytics/search";
import { PageHeading } from "../ui/feedback";

const Dashboard = lazy(() => import("../analytics/dashboard"));

export function AnalyticsPage({ search, onSearch }: { search: AnalyticsSearch; onSearch: (next: AnalyticsSearch) => void }) {
  return (
    <>
      <PageHeading title="Analytics">Analytics</PageHeading>
      <Suspense
        fallback={
          <div className="dash-skeleton" aria-busy="true">
            <span className="sr-only loading" role="status">
              Loading the dashboard…
            </span>
            <div className="dash-skeleton-block dash-skeleton-line" />
            <div className="dash-skeleton-block dash-skeleton-chart" />
          </div>
        }
      >
        <Dashboard search={search} onSearch={onSearch} />
      </Suspense>
    </>
  );
}
