// Comments: each free-text answer kept with its sentiment as the response is recorded, read back with the
// organisation's themes (matched when read, so an edited rule applies to every comment at once).
import { defaultThemes, normaliseKeyword, themeMatcher, type ThemeRule } from "../../domain/comment-themes";
import { scoreSentiment } from "../../domain/sentiment";
import { Invalid } from "../../errors";
import { toPage, type PageRequest } from "../../lib/pagination";
import { unitOfWork, type DomainEvent, type OrgContext, type UnitOfWork } from "../../lib/service-context";
import { resolveScope } from "../analytics/analytics.service";
import type { AnswerFilters, CommentFilters, CommentItem, ThemeList, ThemesSummary } from "./comments.schemas";
import * as repo from "./comments.repo";

type Reader = Pick<OrgContext, "db" | "orgId" | "now">;
type ResponseRecorded = Extract<DomainEvent, { type: "response.recorded" }>;

const RECENT_DAYS = 90;
const DAY = 86_400_000;
const SCAN_BATCH = 500;
const STALE_CURSOR = "This page link is not valid any more; start again from the first page.";

/** What a response must say about itself for its comments to be stored: the fields of a `responses` row. */
export type CommentedResponse = {
  id: string;
  orgId: string;
  surveyId: string;
  createdAt: Date;
  unitId?: string | null;
  agentId?: string | null;
  channel?: string | null;
  interactionType?: string | null;
};

/** The `response_comments` rows of a response's free-text answers, with their sentiment. */
function commentRowsFor(response: CommentedResponse, comments: { question: string; text: string }[]): repo.NewComment[] {
  return comments
    .map((c) => ({ question: c.question, text: c.text.trim() }))
    .filter((c) => c.text !== "")
    .map((c) => {
      const { score, label } = scoreSentiment(c.text);
      return {
        responseId: response.id,
        orgId: response.orgId,
        surveyId: response.surveyId,
        question: c.question,
        text: c.text,
        sentiment: score,
        sentimentLabel: label,
        respondedAt: response.createdAt,
        unitId: response.unitId ?? null,
        agentId: response.agentId ?? null,
        channel: response.channel ?? null,
        interactionType: response.interactionType ?? null,
      };
    });
}

/** Stores a recorded response's comments in the same unit of work as the response. */
export function recordComments(work: UnitOfWork, event: ResponseRecorded) {
  const rows = commentRowsFor({ id: event.responseId, orgId: event.orgId, surveyId: event.surveyId, createdAt: event.at, ...event.context }, event.comments);
  if (rows.length) work.add(...repo.insertCommentsStatements(rows, work.maxSqlParams));
}

/** Answer filters as the database reads them: the period fixed, units and staff resolved to ids. */
export type AnswerWhere = Omit<repo.CommentWhere, "sentiment" | "anyOf">;

/**
 * Resolves the filters every list of answers takes as analytics does (the organisation's days, units and staff
 * by id or name), or null when they can match nothing (a unit or staff member that does not exist).
 */
export async function answerWhere(ctx: Reader, q: AnswerFilters): Promise<AnswerWhere | null> {
  const scope = await resolveScope(ctx, q);
  const { unit = [], agent = [], channel = [], type = [] } = scope.filters;
  if ((q.unit?.length && !unit.length) || (q.agent?.length && !agent.length)) return null;
  return {
    orgId: ctx.orgId,
    ...(scope.surveyId && { surveyId: scope.surveyId }),
    from: scope.fromAt,
    to: scope.toAt,
    unitIds: unit,
    agentIds: agent,
    channels: channel,
    types: type,
    ...(q.band && { band: q.band }),
    ...(q.q?.trim() && { q: q.q.trim() }),
  };
}

/** The organisation's theme rules; the default service themes are stored the first time they are read. */
/** The theme rules in force, without storing the defaults: for readers inside another feature's unit of work. */
export async function currentThemeRules(ctx: Pick<OrgContext, "db" | "orgId">): Promise<ThemeRule[]> {
  const rows = await repo.listThemes(ctx.db, ctx.orgId);
  return rows.length ? rows.map((r) => ({ name: r.name, keywords: r.keywords })) : defaultThemes;
}

export async function themeRules(ctx: OrgContext): Promise<ThemeRule[]> {
  let rows = await repo.listThemes(ctx.db, ctx.orgId);
  if (rows.length === 0) {
    const seeded = defaultThemes.map((t, position) => ({ orgId: ctx.orgId, name: t.name, keywords: t.keywords, position, createdAt: ctx.now, updatedAt: ctx.now }));
    await unitOfWork(ctx).add(...repo.insertThemesStatements(ctx.db, seeded)).commit();
    rows = await repo.listThemes(ctx.db, ctx.orgId);
  }
  return rows.map((r) => ({ name: r.name, keywords: r.keywords }));
}

const rowCursor = (r: repo.CommentRow) => ({ at: r.respondedAt.getTime(), id: String(r.id) });

function commentCursor(cursor: PageRequest["cursor"]): repo.CommentCursor | undefined {
  if (!cursor) return undefined;
  if (typeof cursor.at !== "number" || !/^\d{1,15}$/.test(cursor.id)) throw new Invalid(STALE_CURSOR, [{ path: "/cursor", message: STALE_CURSOR }]);
  return { at: cursor.at, id: Number(cursor.id) };
}

/** Every comment matching `where` after the cursor, newest first, read a batch at a time. */
async function* scan(ctx: Reader, where: repo.CommentWhere, cursor?: repo.CommentCursor) {
  for (let after = cursor; ; ) {
    const rows = await repo.listComments(ctx.db, where, after, SCAN_BATCH);
    yield* rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < SCAN_BATCH) return;
    after = { at: last.respondedAt.getTime(), id: last.id };
  }
}

function toItem(r: repo.CommentRow, themes: string[]): CommentItem {
  return {
    id: String(r.id),
    responseId: r.responseId,
    surveyId: r.surveyId,
    question: r.question,
    text: r.text,
    sentiment: r.sentiment,
    sentimentLabel: r.sentimentLabel,
    themes,
    respondedAt: r.respondedAt.toISOString(),
    unit: r.unitId && r.unitName !== null ? { id: r.unitId, name: r.unitName } : null,
    agent: r.agentId && r.agentName !== null ? { id: r.agentId, name: r.agentName } : null,
    channel: r.channel,
    type: r.type,
    nps: r.nps,
    csat: r.csat,
  };
}

/** The rule a `theme` filter names, or a 422 listing the themes there are. */
function chosenTheme(rules: ThemeRule[], name: string | undefined): ThemeRule | undefined {
  if (name === undefined) return undefined;
  const rule = rules.find((r) => r.name.toLowerCase() === name.trim().toLowerCase());
  if (rule) return rule;
  const message = `There is no theme called “${name}”; choose one of ${rules.map((r) => `“${r.name}”`).join(", ")}.`;
  throw new Invalid(message, [{ path: "/theme", message }]);
}

/** The filters with a theme's cheap first pass: only texts containing the first word of one of its keywords. */
const commentWhere = (where: AnswerWhere, q: CommentFilters, theme: ThemeRule | undefined): repo.CommentWhere => ({
  ...where,
  ...(q.sentiment && { sentiment: q.sentiment }),
  ...(theme && { anyOf: [...new Set(theme.keywords.map((k) => normaliseKeyword(k).split(" ")[0]!))] }),
});

export async function listComments(ctx: OrgContext, q: CommentFilters & PageRequest) {
  const where = await answerWhere(ctx, q);
  const rules = await themeRules(ctx);
  const theme = chosenTheme(rules, q.theme);
  if (!where) return { items: [], nextCursor: null };
  const themesOf = themeMatcher(rules);
  const cursor = commentCursor(q.cursor);
  const filter = commentWhere(where, q, theme);
  let rows: repo.CommentRow[];
  if (!theme) rows = await repo.listComments(ctx.db, filter, cursor, q.limit + 1);
  else {
    const inTheme = themeMatcher([theme]);
    rows = [];
    for await (const row of scan(ctx, filter, cursor)) {
      if (inTheme(row.text).length) rows.push(row);
      if (rows.length > q.limit) break;
    }
  }
  return toPage(rows, q.limit, rowCursor, (r) => toItem(r, themesOf(r.text)));
}

/** How many of the comments matching the filters fall in each theme, with the newest examples: O(comments). */
export async function summariseThemes(ctx: OrgContext, q: CommentFilters): Promise<ThemesSummary> {
  const where = await answerWhere(ctx, q);
  const rules = await themeRules(ctx);
  const theme = chosenTheme(rules, q.theme);
  const counts = new Map(rules.map((r) => [r.name, { n: 0, examples: [] as string[] }]));
  let total = 0;
  let unthemed = 0;
  if (where) {
    const themesOf = themeMatcher(rules);
    for await (const row of scan(ctx, commentWhere(where, q, theme))) {
      const names = themesOf(row.text);
      if (theme && !names.includes(theme.name)) continue;
      total++;
      if (!names.length) unthemed++;
      for (const name of names) {
        const entry = counts.get(name)!;
        entry.n++;
        if (entry.examples.length < 3 && !entry.examples.includes(row.text)) entry.examples.push(row.text);
      }
    }
  }
  const themes = rules
    .map((r) => ({ name: r.name, ...counts.get(r.name)! }))
    .map((t) => ({ name: t.name, n: t.n, share: total ? Math.round((t.n / total) * 1000) / 10 : 0, examples: t.examples }))
    .sort((a, b) => b.n - a.n);
  return { total, unthemed, themes };
}

/** The theme rules, each with how many comments of the last 90 days it matches. */
export async function listThemes(ctx: OrgContext): Promise<ThemeList> {
  const rules = await themeRules(ctx);
  const counts = new Map(rules.map((r) => [r.name, 0]));
  const matchers = rules.map((r) => ({ name: r.name, test: themeMatcher([r]) }));
  const where: repo.CommentWhere = { orgId: ctx.orgId, from: new Date(ctx.now.getTime() - RECENT_DAYS * DAY), to: ctx.now, unitIds: [], agentIds: [], channels: [], types: [] };
  for await (const row of scan(ctx, where)) {
    for (const m of matchers) if (m.test(row.text).length) counts.set(m.name, counts.get(m.name)! + 1);
  }
  return { themes: rules.map((r) => ({ name: r.name, keywords: r.keywords, count: counts.get(r.name)! })) };
}

/** Replaces every theme rule at once (keywords stored lowercase, each once). */
export async function replaceThemes(ctx: OrgContext, input: { themes: ThemeRule[] }): Promise<ThemeList> {
  const rows = input.themes.map((t, position) => ({
    orgId: ctx.orgId,
    name: t.name.trim(),
    keywords: [...new Set(t.keywords.map(normaliseKeyword))],
    position,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  await unitOfWork(ctx).add(repo.deleteThemesStatement(ctx.db, ctx.orgId), ...repo.insertThemesStatements(ctx.db, rows)).commit();
  return listThemes(ctx);
}

/** A response's comments with their sentiment, in the order they were answered. */
export const commentsOfResponse = (ctx: Reader, responseId: string) => repo.commentsOfResponse(ctx.db, ctx.orgId, responseId);
