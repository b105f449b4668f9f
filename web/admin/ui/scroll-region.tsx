// A labelled region around a wide table: it scrolls sideways on a phone and takes keyboard focus so it can.
import type { ReactNode } from "react";

type Props = { children: ReactNode } & ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never });

export function ScrollRegion({ children, label, labelledBy }: Props) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take focus, or keyboard users cannot scroll it.
    <section className="table-scroll" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </section>
  );
}
