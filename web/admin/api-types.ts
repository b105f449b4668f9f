// The server's response shapes as the browser receives them (dates become ISO strings). Types only.
import type { ApiKeyView, createApiKey } from "../../server/features/api-keys/api-keys.service";
import type { SurveySummary } from "../../server/features/analytics/analytics.service";
import type { Me } from "../../server/features/auth/auth.schemas";
import type { RuleView } from "../../server/features/distribution/distribution.service";
import type { SurveyView } from "../../server/features/surveys/surveys.schemas";
import type { publishSurvey } from "../../server/features/surveys/surveys.service";
import type { listDevMessages } from "../../server/mail/dev-mailbox";
import type { Jsonified } from "../shared/api";

export type { Me };
export type Role = Me["role"];
export type Survey = Jsonified<SurveyView>;
export type Published = Awaited<ReturnType<typeof publishSurvey>>;
export type Rule = Jsonified<RuleView>;
export type Summary = Jsonified<SurveySummary>;
export type ApiKey = Jsonified<ApiKeyView>;
export type CreatedApiKey = Jsonified<Awaited<ReturnType<typeof createApiKey>>>;
export type MailMessage = Jsonified<Awaited<ReturnType<typeof listDevMessages>>["items"][number]>;
/** One page of a list endpoint: `?limit=&cursor=` in, this out. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const canEdit = (me: Me) => me.role === "admin" || me.role === "manager";
