// What a one-time link is for, fetched once for the invitation and reset pages, and what to show when it is spent.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ApiError } from "../../shared/api-client";
import { linkQuery, type LinkInfo } from "../queries";
import { AccountCard } from "../ui/account-forms";
import { Loading, ProblemBanner } from "../ui/feedback";

export type LinkState =
  | { state: "loading" }
  | { state: "ready"; link: LinkInfo }
  | { state: "unusable"; detail: string }
  | { state: "failed"; error: unknown };

export function useLinkInfo(token: string, purpose: LinkInfo["purpose"]): LinkState {
  const { data: link, error } = useQuery({ ...linkQuery(token), enabled: token !== "" });
  if (!token) return { state: "unusable", detail: "This address has no link token. Open the whole link from the email." };
  if (link) {
    if (link.purpose === purpose) return { state: "ready", link };
    return { state: "unusable", detail: purpose === "invite" ? "This is a password reset link, not an invitation." : "This is an invitation, not a password reset link." };
  }
  // 404, 410 and 422 all mean the same to a person: this link cannot be used, and the server says why.
  if (error instanceof ApiError && [404, 410, 422].includes(error.status)) return { state: "unusable", detail: error.detail };
  if (error) return { state: "failed", error };
  return { state: "loading" };
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
