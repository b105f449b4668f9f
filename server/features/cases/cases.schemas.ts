// Shapes of follow-up cases: the list, one case with its history and the customer's answers, and the changes
// people make to it; and the organisation's rules for opening cases and its SLA per priority.
import { casePriorities, caseStatuses, caseTriggers } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";
import { responseDetail } from "../responses/responses.schemas";

export const rootCauses = ["Staff behaviour", "Waiting time", "Process or policy", "Product or service fault", "Communication", "Price", "Customer expectation", "Other"] as const;

export const caseIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "9b2f…" }) });

const priority = z.enum(casePriorities, { error: "Choose a priority: urgent, high, normal or low." });

export const caseListQuery = z.object({
  ...pageQueryFields,
  status: z
    .enum(["active", "open", "contacted", "resolved", "unreachable", "closed", "all"], { error: "Choose a status: active, open, contacted, resolved, unreachable, closed or all." })
    .default("active")
    .openapi({ description: "active: open or contacted (the default); closed: resolved or could not reach." }),
  view: z
    .enum(["all", "mine", "overdue", "unassigned"], { error: "Choose a view: all, mine, overdue or unassigned." })
    .default("all")
    .openapi({ description: "mine: cases you own; overdue: past their due time and not closed; unassigned: nobody owns them yet." }),
  unitId: z.string().min(1).optional().openapi({ description: "Only this unit's cases." }),
});

export const newCaseBody = z
  .object({
    responseId: z.string({ error: "Say which response the case follows up." }).min(1, "Say which response the case follows up."),
    priority: priority.optional(),
    reason: z.string().trim().min(3, "Say in a few words why this needs following up.").max(300, "Keep the reason under 300 characters.").optional(),
  })
  .openapi("NewCase");

export const caseChangeBody = z
  .object({
    status: z.enum(caseStatuses, { error: "Choose a status: open, contacted, resolved or unreachable." }).optional(),
    ownerId: z.string().min(1, "Choose who owns the case.").nullable().optional(),
    rootCause: z.enum(rootCauses, { error: `Choose a root cause: ${rootCauses.join(", ")}.` }).nullable().optional(),
    priority: priority.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Send what changes: status, owner, root cause or priority." })
  .openapi("CaseChanges");

export const noteBody = z
  .object({ body: z.string({ error: "Write the note." }).trim().min(1, "Write the note.").max(4000, "Keep a note under 4,000 characters.") })
  .openapi("CaseNote");

export const outcomeEmailBody = z
  .object({
    subject: z.string({ error: "Give the email a subject." }).trim().min(3, "Give the email a subject.").max(200, "Keep the subject under 200 characters."),
    body: z.string({ error: "Write the email." }).trim().min(10, "Write the email to the customer.").max(10_000, "Keep the email under 10,000 characters."),
  })
  .openapi("CaseOutcomeEmail");

export const resurveyBody = z.object({ surveyId: z.string({ error: "Choose the survey to send." }).min(1, "Choose the survey to send.") }).openapi("CaseResurvey");

const named = z.object({ id: z.string(), name: z.string() }).nullable();
const timing = z
  .object({ state: z.enum(["on-time", "due-soon", "overdue"]), minutesLeft: z.number().int() })
  .nullable()
  .openapi({ description: "For a case still open or contacted: where it stands against its due time. Null once closed." });

export const caseItem = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: z.enum(caseStatuses),
    priority: z.enum(casePriorities),
    trigger: z.enum(caseTriggers),
    reason: z.string(),
    customer: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
    unit: named,
    agent: named,
    owner: named,
    rootCause: z.string().nullable(),
    dueAt: z.iso.datetime(),
    timing,
    contactedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    escalatedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Case");
export type CaseItem = z.infer<typeof caseItem>;
export const casePage = pageOf(caseItem, "CasePage");

export const caseEventView = z.object({
  id: z.string(),
  kind: z.enum(["opened", "note", "status", "assigned", "email", "resurvey", "escalated", "root-cause"]),
  author: named,
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});

export const caseDetail = caseItem
  .extend({
    events: z.array(caseEventView).openapi({ description: "The case's history, oldest first: notes, changes, emails kept whole." }),
    response: responseDetail.openapi({ description: "The answers that opened the case." }),
    outcomeDraft: z.object({ subject: z.string(), body: z.string() }).openapi({ description: "A starting point for the email telling the customer the outcome." }),
    owners: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })).openapi({ description: "Who may own the case; empty for someone who may not reassign it." }),
    resurveySurveys: z.array(z.object({ id: z.string(), title: z.string() })).openapi({ description: "Published surveys a re-survey may send." }),
    resurvey: z.object({ invitationId: z.string(), status: z.string() }).nullable(),
    canEmail: z.boolean().openapi({ description: "False when the customer's address is suppressed (unsubscribed, bounced or complained) or unknown." }),
  })
  .openapi("CaseDetail");
export type CaseDetail = z.infer<typeof caseDetail>;

const threshold = (min: number, max: number, what: string) =>
  z.number({ error: `Give ${what} as a number.` }).min(min, `Give ${what} from ${min} to ${max}.`).max(max, `Give ${what} from ${min} to ${max}.`);

const caseRule = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("nps-detractor"), enabled: z.boolean(), atMost: threshold(0, 10, "the NPS threshold"), priority }),
    z.object({ kind: z.literal("csat-low"), enabled: z.boolean(), atMost: threshold(1, 5, "the CSAT threshold"), priority }),
    z.object({ kind: z.literal("dimension-low"), enabled: z.boolean(), atMost: threshold(0, 1, "the share of the scale"), priority }),
    z.object({ kind: z.literal("complaint-theme"), enabled: z.boolean(), themes: z.array(z.string().min(1)).max(30, "Choose at most 30 themes."), priority }),
  ],
  { error: "Each rule needs a kind: nps-detractor, csat-low, dimension-low or complaint-theme." },
);

const working = z
  .object({
    startMinute: z.number().int().min(0).max(1440),
    endMinute: z.number().int().min(0).max(1440),
    days: z.array(z.number().int().min(1, "Name days 1 (Monday) to 7 (Sunday).").max(7, "Name days 1 (Monday) to 7 (Sunday).")).min(1, "Choose at least one working day."),
  })
  .refine((w) => w.endMinute > w.startMinute, { message: "Working hours need to end after they start.", path: ["endMinute"] });

const sla = z.object({
  hours: z.number({ error: "Give the hours as a number." }).gt(0, "Give more than 0 hours.").max(24 * 60, "Give at most 1,440 hours."),
  working: working.optional(),
});

export const caseSettings = z
  .object({
    rules: z.array(caseRule).max(20),
    owner: z.enum(["agent-then-manager", "unit-manager"], { error: "Choose who owns new cases: agent-then-manager or unit-manager." }),
    sla: z.object({ urgent: sla, high: sla, normal: sla, low: sla }),
  })
  .openapi("CaseSettings");
export type CaseSettings = z.infer<typeof caseSettings>;
