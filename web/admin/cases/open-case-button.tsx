// "Open a follow-up case" on a response: opens one by hand and goes to it, or links to the one it already has.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { ApiError } from "../../shared/api-client";
import { keepCase, openCase } from "../cases-queries";
import { useSession } from "../session";
import { ProblemBanner } from "../ui/feedback";
import { canWork } from "./parts";

export function OpenCaseButton({ responseId }: { responseId: string }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => openCase(responseId),
    onSuccess: async (detail) => {
      await keepCase(queryClient, detail);
      await navigate({ to: "/cases/$id", params: { id: detail.id } });
    },
  });
  if (!canWork(me.role)) return null;
  const existing = open.error instanceof ApiError && open.error.status === 409 && typeof open.error.extra.caseId === "string" ? open.error.extra.caseId : null;
  return (
    <div className="open-case" data-testid="open-case">
      <button type="button" className="button secondary" disabled={open.isPending} onClick={() => open.mutate()}>
        Open a follow-up case
      </button>
      {existing ? (
        <p role="status" className="notice">
          These answers already have a follow-up case.{" "}
          <Link to="/cases/$id" params={{ id: existing }}>
            Go to the case
          </Link>
        </p>
      ) : (
        <ProblemBanner error={open.error} />
      )}
    </div>
  );
}
