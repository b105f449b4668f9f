// Shapes of the review packs: a period's frozen figures, its discussion, its conclusions and its action items.
import { packStatuses, reviewPeriods } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

export const packIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "7d1e…" }) });
export const actionIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "a21c…" }) });

const day = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date, like 2026-07-01.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as a date, like 2026-07-01.`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), `Enter ${what} as a real date, like 2026-07-01.`);

export const newPackBody = z
  .object({
    period: z.enum(reviewPeriods, { error: "Choose a review period: month or quarter." }),
    day: day("a day of the period").openapi({ description: "Any day of the month or quarter to review.", example: "2026-09-15" }),
    unitId: z.string().min(1).nullable().optional().openapi({ description: "Review one unit; the whole organisation when left out." }),
    channel: z.string().trim().min(1).max(60, "Name the channel in at most 60 characters.").nullable().optional(),
    title: z.string().trim().min(1, "Give the pack a title, or leave it out for the default.").max(120, "Give the pack a title of at most 120 characters.").optional(),
  })
  .openapi("NewReviewPack");

export const packChangeBody = z
  .object({
    title: z.string().trim().min(1, "Give the pack a title.").max(120, "Give the pack a title of at most 120 characters.").optional(),
    summary: z.string().max(20_000, "Keep the conclusions under 20,000 characters.").nullable().optional(),
    status: z.enum(packStatuses, { error: "Choose a status: draft, in-review or closed." }).optional(),
  })
  .refine((b) => b.title !== undefined || b.summary !== undefined || b.status !== undefined, { message: "Send a new title, conclusions (summary) or a status." })
  .openapi("ReviewPackChanges");

export const commentBody = z
  .object({ body: z.string({ error: "Write a comment." }).trim().min(1, "Write a comment.").max(4000, "Keep a comment under 4,000 characters.") })
  .openapi("ReviewPackComment");

const ownerField = z.string().min(1, "Choose the person who owns this action.").nullable().optional();
const dueField = day("the due date").nullable().optional();

export const actionBody = z
  .object({
    title: z.string({ error: "Say what will be done." }).trim().min(3, "Say what will be done, in a few words.").max(300, "Keep an action under 300 characters."),
    ownerId: ownerField,
    dueOn: dueField,
  })
  .openapi("NewActionItem");

export const actionChangeBody = z
  .object({
    title: z.string().trim().min(3, "Say what will be done, in a few words.").max(300, "Keep an action under 300 characters.").optional(),
    ownerId: ownerField,
    dueOn: dueField,
    status: z.enum(["open", "done"], { error: "Choose open or done." }).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Send what changes: title, owner, due date or status." })
  .openapi("ActionItemChanges");

const interval = z.tuple([z.number(), z.number()]).nullable();
const reading = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), n: z.number().int() });
const periodRef = z.object({ fromDay: z.string(), toDay: z.string(), label: z.string() });

export const snapshotKpi = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.string(),
  scope: z.string().openapi({ description: "Where it is measured, in words: “Whole organisation”, “North branch · phone”." }),
  direction: z.enum(["higher", "lower"]),
  target: z.number(),
  warning: z.number(),
  unit: z.string().openapi({ description: "How the figure reads: “%”, “NPS points”, “hours”, or a scale like “of 5”." }),
  reading,
  status: z.enum(["green", "amber", "red", "no-data"]),
  reason: z.string(),
  previous: reading.nullable(),
  change: z
    .object({ delta: z.number(), p: z.number().nullable(), significant: z.boolean(), words: z.string() })
    .nullable()
    .openapi({ description: "Against the previous period; `significant` at 5 %." }),
  benchmarks: z.array(z.object({ name: z.string(), kind: z.enum(["competitor", "industry"]), value: z.number(), asOf: z.string(), source: z.string() })),
});
export type SnapshotKpi = z.infer<typeof snapshotKpi>;

const candidate = z.object({ agent: z.string(), n: z.number().int(), share: z.number(), low: z.number(), high: z.number(), evidence: z.string() });

export const packSnapshot = z
  .object({
    period: periodRef,
    previous: periodRef,
    scope: z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), channel: z.string().nullable(), words: z.string() }),
    responses: z.number().int(),
    invitationsSent: z.number().int(),
    responseRate: z.object({ value: z.number().nullable(), ci95: interval }).openapi({ description: "Percent (0–100) of the period's invitations answered, with its interval." }),
    kpis: z.array(snapshotKpi),
    drivers: z.object({
      outcome: z.string(),
      n: z.number().int(),
      items: z.array(z.object({ name: z.string(), importance: z.number().nullable(), performance: z.number().nullable(), scaleMax: z.number(), quadrant: z.string().nullable() })),
    }),
    themes: z.object({
      total: z.number().int(),
      items: z.array(z.object({ name: z.string(), n: z.number().int(), share: z.number().openapi({ description: "Percent (0–100) of the comments." }), examples: z.array(z.string()) })),
    }),
    cases: z.object({
      opened: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
      onTime: z.object({ count: z.number().int(), of: z.number().int(), rate: z.number().nullable(), ci95: interval }),
      resolveHours: z.object({ median: z.number().nullable(), p90: z.number().nullable(), n: z.number().int() }),
      rootCauses: z.array(z.object({ rootCause: z.string(), count: z.number().int() })),
    }),
    staff: z.object({ basis: z.string(), minAnswers: z.number().int(), recognise: z.array(candidate), coach: z.array(candidate), tooFew: z.number().int() }),
    carriedActionIds: z.array(z.string()).openapi({ description: "Actions of earlier packs that were still open when this one was made." }),
  })
  .openapi("ReviewPackSnapshot", { description: "The figures as they stood when the pack was frozen; they never change afterwards." });
export type PackSnapshot = z.infer<typeof packSnapshot>;

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const actionItemView = z
  .object({
    id: z.string(),
    packId: z.string(),
    packTitle: z.string(),
    title: z.string(),
    owner: person,
    dueOn: z.string().nullable(),
    status: z.enum(["open", "done"]),
    overdue: z.boolean(),
    doneAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("ActionItem");
export type ActionItemView = z.infer<typeof actionItemView>;

export const packSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    period: z.enum(reviewPeriods),
    fromDay: z.string(),
    toDay: z.string(),
    scope: z.string(),
    status: z.enum(packStatuses),
    frozenAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    createdBy: person,
    kpiStatuses: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int(), noData: z.number().int() }),
  })
  .openapi("ReviewPackSummary");
export type PackSummaryView = z.infer<typeof packSummary>;
export const packPage = pageOf(packSummary, "ReviewPackPage");

export const packView = packSummary
  .extend({
    summary: z.string().nullable(),
    snapshot: packSnapshot,
    lateAnswers: z.number().int().openapi({ description: "Answers in the pack's period and scope recorded after it was frozen: not in its figures." }),
    comments: z.array(z.object({ id: z.string(), author: person, body: z.string(), createdAt: z.iso.datetime() })),
    actions: z.array(actionItemView).openapi({ description: "Actions raised in this pack." }),
    carried: z.array(actionItemView).openapi({ description: "Actions of earlier packs still open when this one was made, as they stand now." }),
    owners: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ description: "People who may own an action." }),
  })
  .openapi("ReviewPack");
export type PackView = z.infer<typeof packView>;

export const packDue = z
  .object({
    period: z.object({ fromDay: z.string(), toDay: z.string(), label: z.string() }),
    state: z.enum(["not-started", "open", "not-yet"]).openapi({ description: "not-started: no pack yet for the last complete period; open: made but not closed; not-yet: the last one is closed and the next period is still running." }),
    pack: z.object({ id: z.string(), status: z.string(), title: z.string() }).nullable(),
    dueBy: z.string().openapi({ description: "Two weeks after the period ends." }),
  })
  .nullable()
  .openapi("ReviewPackDue");
