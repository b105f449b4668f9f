// /settings/kiosks: each unit's counter kiosk, opened on a published survey, closed, and printed as a QR poster.
import "./kiosks.css";
import { encode } from "uqr";
import { infiniteQueryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { api, read, segment } from "../../shared/api-client";
import { replaceInPages, surveyPickerQuery } from "../queries";
import { useSession } from "../session";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { FieldMessage, Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

type Kiosk = InferResponseType<typeof api.kiosks.$get, 200>["items"][number];

const kioskKey = ["kiosks"] as const;
const kiosksQuery = infiniteQueryOptions({
  queryKey: kioskKey as readonly unknown[],
  queryFn: ({ pageParam, signal }) => read(api.kiosks.$get({ query: { cursor: pageParam, limit: "100" } }, { init: { signal } })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
});

const kioskWrites = {
  open: (unitId: string, surveyId: string) => read(api.units[":id"].kiosk.$put({ param: { id: segment(unitId) }, json: { surveyId } })),
  close: (unitId: string) => read(api.units[":id"].kiosk.$delete({ param: { id: segment(unitId) } })),
};

// The admin app and the kiosk page are served from the same public address.
const kioskUrl = (slug: string) => `${location.origin}/k/${slug}`;

type PublishedSurvey = { id: string; title: string };

function KioskRow({ kiosk, surveys, canChange, onConfirm, onPoster }: { kiosk: Kiosk; surveys: PublishedSurvey[]; canChange: boolean; onConfirm: (c: Confirm) => void; onPoster: (k: Kiosk) => void }) {
  const queryClient = useQueryClient();
  const [surveyId, setSurveyId] = useState(kiosk.surveyId ?? surveys[0]?.id ?? "");
  const [saved, setSaved] = useState("");
  const open = useMutation({
    mutationFn: (id: string) => kioskWrites.open(kiosk.id, id),
    onMutate: () => setSaved(""),
    onSuccess: (next) => {
      replaceInPages(queryClient, kioskKey, next);
      setSaved(kiosk.slug ? "Survey changed." : "Kiosk opened.");
    },
  });
  const id = `kiosk-survey-${kiosk.id}`;
  const errors = fieldErrorsAt(open.error, "/surveyId");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (surveyId) open.mutate(surveyId);
  };
  const close = () =>
    onConfirm({
      title: `Close the kiosk of ${kiosk.unitName}?`,
      body: <p>Its link and printed posters stop working at once. Opening it again makes a new link, so posters would need printing again.</p>,
      action: "Close kiosk",
      run: async () => {
        replaceInPages(queryClient, kioskKey, await kioskWrites.close(kiosk.id));
        setSaved("Kiosk closed.");
      },
    });
  return (
    <tr data-testid="kiosk-row">
      <td className="stack-title">{kiosk.unitName}</td>
      <td data-label="Kiosk">
        {kiosk.slug ? (
          <>
            <span className="kiosk-url">{kioskUrl(kiosk.slug)}</span>
            <br />
            <span className="small muted">Shows {kiosk.surveyTitle ?? "a survey"}</span>
          </>
        ) : (
          <span className="muted">Closed</span>
        )}
      </td>
      <td data-label="Actions">
        {canChange && surveys.length > 0 && (
          <form className="kiosk-form" onSubmit={submit} noValidate>
            <label htmlFor={id} className="sr-only">
              Survey the kiosk of {kiosk.unitName} shows
            </label>
            <select id={id} value={surveyId} onChange={(e) => setSurveyId(e.target.value)} aria-describedby={errors.length ? `${id}-error` : undefined}>
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary small" disabled={open.isPending}>
              {kiosk.slug ? "Change survey" : "Open kiosk"}
              <span className="sr-only"> of {kiosk.unitName}</span>
            </button>
          </form>
        )}
        <div className="kiosk-actions">
          {kiosk.slug && (
            <button type="button" className="button secondary small" onClick={() => onPoster(kiosk)}>
              Print poster<span className="sr-only"> for {kiosk.unitName}</span>
            </button>
          )}
          {canChange && kiosk.slug && (
            <button type="button" className="button danger small" onClick={close}>
              Close kiosk<span className="sr-only"> of {kiosk.unitName}</span>
            </button>
          )}
          <span role="status" className="small muted">
            {saved}
          </span>
        </div>
        <FieldMessage id={`${id}-error`} errors={errors} />
        {open.error && errors.length === 0 && <ProblemBanner error={open.error} />}
      </td>
    </tr>
  );
}

/** What goes on the counter: the unit, the survey, and the link to type (a QR code needs a QR library, not installed yet). */
/**
 * The kiosk's address as a QR code, drawn from the library's module matrix as one SVG path (with the quiet zone
 * the standard asks for), so no markup from elsewhere is ever inserted into the page.
 */
function QrCode({ text, label }: { text: string; label: string }) {
  const { size, data } = encode(text, { ecc: "M", border: 4 });
  let path = "";
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg className="kiosk-poster-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="kiosk-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

function Poster({ kiosk, onDone }: { kiosk: Kiosk; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const url = kioskUrl(kiosk.slug!);
  return (
    <section className="panel kiosk-poster-view" aria-labelledby="poster-heading" data-testid="kiosk-poster">
      <div className="kiosk-poster-tools">
        <h2 id="poster-heading" ref={headingRef} tabIndex={-1}>
          Poster for {kiosk.unitName}
        </h2>
        <div className="actions">
          <button type="button" className="button" onClick={() => print()}>
            Print
          </button>
          <button type="button" className="button secondary" onClick={onDone}>
            Back to kiosks
          </button>
        </div>
      </div>
      <div className="kiosk-poster">
        <p className="kiosk-poster-unit">{kiosk.unitName}</p>
        <p className="kiosk-poster-title">{kiosk.surveyTitle ?? "Tell us how we did"}</p>
        <p className="kiosk-poster-ask">Tell us how we did — it takes a minute. Scan the code, or open this address on your phone:</p>
        <QrCode text={url} label={`QR code for ${url}`} />
        <p className="kiosk-poster-url">{url}</p>
      </div>
    </section>
  );
}

export function KiosksPage(): ReactNode {
  const { me } = useSession();
  const allowed = me.role === "admin" || me.role === "manager";
  const canChange = me.role === "admin";
  const list = usePagedList({ ...kiosksQuery, enabled: allowed });
  const picker = useQuery({ ...surveyPickerQuery, enabled: allowed });
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [poster, setPoster] = useState<Kiosk | null>(null);
  if (!allowed) {
    return (
      <>
        <PageHeading title="Kiosks">Kiosks</PageHeading>
        <p>This page needs the admin or manager role; you are signed in as {me.role}.</p>
      </>
    );
  }
  const published: PublishedSurvey[] = (picker.data ?? []).filter((s) => s.latestVersion !== null).map((s) => ({ id: s.id, title: s.title }));
  const kiosks = list.items;
  if (poster) return <Poster kiosk={poster} onDone={() => setPoster(null)} />;
  return (
    <>
      <PageHeading title="Kiosks">Kiosks</PageHeading>
      <p className="muted">A kiosk is a unit's own survey link for walk-in customers: put a tablet on the counter, or print a poster with the link. Answers count for that unit, with no email needed.</p>
      <ProblemBanner error={list.problem ?? picker.error} />
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
      {canChange && picker.data && published.length === 0 && <p data-testid="kiosks-no-survey">Publish a survey first: a kiosk shows a published survey.</p>}
      {kiosks === null && !list.problem && <Loading>Loading units…</Loading>}
      {kiosks?.length === 0 && <p data-testid="kiosks-empty">No units yet. They appear here as interactions name them (the unit field).</p>}
      {kiosks && kiosks.length > 0 && (
        <ScrollRegion label="Units and their kiosks">
          <table className="table stack-narrow" data-testid="kiosks-table">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Kiosk</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => (
                <KioskRow key={k.id} kiosk={k} surveys={published} canChange={canChange} onConfirm={setConfirm} onPoster={setPoster} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show more units" />
    </>
  );
}
