// What a one-time link is for, fetched once for the invitation and reset pages, and what to show when it is spent.
import { useEffect, useState } from "react";
import { ApiError, api, isAbort } from "../../shared/api";
import type { LinkInfo } from "../people-types";
import { Link } from "../router";
import { AccountCard } from "../ui/account-forms";
import { Loading, ProblemBanner } from "../ui/feedback";

export type LinkState =
  | { state: "loading" }
  | { state: "ready"; link: LinkInfo }
  | { state: "unusable"; detail: string }
  | { state: "failed"; error: unknown };

export function useLinkInfo(token: string, purpose: LinkInfo["purpose"]): LinkState {
  const [result, setResult] = useState<LinkState>({ state: "loading" });
  useEffect(() => {
    if (!token) {
      setResult({ state: "unusable", detail: "This address has no link token. Open the whole link from the email." });
      return;
    }
    const controller = new AbortController();
    api.get<LinkInfo>(`/api/auth/tokens/${encodeURIComponent(token)}`, { signal: controller.signal, expectUnauthorized: true }).then(
      (link) =>
        setResult(
          link.purpose === purpose
            ? { state: "ready", link }
            : { state: "unusable", detail: purpose === "invite" ? "This is a password reset link, not an invitation." : "This is an invitation, not a password reset link." },
        ),
      (err) => {
        if (isAbort(err)) return;
        // 404, 410 and 422 all mean the same to a person: this link cannot be used, and the server says why.
        if (err instanceof ApiError && [404, 410, 422].includes(err.status)) setResult({ state: "unusable", detail: err.detail });
        else setResult({ state: "failed", error: err });
      },
    );
    return () => controller.abort();
  }, [token, purpose]);
  return result;
}

export function LinkProblem({ title, heading, info }: { title: string; heading: string; info: Exclude<LinkState, { state: "ready" }> }) {
  if (info.state === "loading") {
    return (
      <AccountCard title={title}>
        <Loading>Checking the link…</Loading>
      </AccountCard>
    );
  }
  return (
    <AccountCard title={title} heading={heading}>
      {info.state === "unusable" ? <p data-testid="link-problem">{info.detail}</p> : <ProblemBanner error={info.error} />}
      <ul className="account-links">
        <li>
          <Link to="/login">Go to sign in</Link>
        </li>
        <li>
          <Link to="/forgot-password">Reset a forgotten password</Link>
        </li>
      </ul>
    </AccountCard>
  );
}
