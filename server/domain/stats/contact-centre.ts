// Contact-centre KPIs from period totals.
import { ensure, ensureCounts } from "./validate";

export type ContactCentreTotals = {
  talkSeconds: number;
  holdSeconds: number;
  afterCallSeconds: number;
  handled: number;
  resolvedFirstContact: number;
  offered: number;
  answeredWithinTarget: number;
  abandoned: number;
};

export type ContactCentreKpis = {
  averageHandlingSeconds: number | null;
  firstContactResolution: number | null;
  serviceLevel: number | null;
  abandonRate: number | null;
};

const percent = (k: number, n: number) => (n === 0 ? null : (k / n) * 100);

export function contactCentreKpis(x: ContactCentreTotals): ContactCentreKpis {
  const seconds = ["talkSeconds", "holdSeconds", "afterCallSeconds"] as const;
  const busy = seconds.reduce((s, key) => s + ensure("nonNegative", key, x[key]), 0);
  ensureCounts(x.resolvedFirstContact, x.handled, "resolvedFirstContact", "handled");
  ensureCounts(x.answeredWithinTarget, x.offered, "answeredWithinTarget", "offered");
  ensureCounts(x.abandoned, x.offered, "abandoned", "offered");
  // Vendors differ on these denominators; the spec fixes all contacts offered, with no short-abandon exclusion.
  return {
    averageHandlingSeconds: x.handled === 0 ? null : busy / x.handled,
    firstContactResolution: percent(x.resolvedFirstContact, x.handled),
    serviceLevel: percent(x.answeredWithinTarget, x.offered),
    abandonRate: percent(x.abandoned, x.offered),
  };
}
