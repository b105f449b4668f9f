// Importing history from another tool: every row checked like a respondent's answer, then stored all together,
// idempotent on the other tool's id, each raising the same event a live answer does so rollups start with history.
import { isJsonObject, walkElements, type JsonObject } from "../../domain/survey-elements";
import { Invalid, type FieldError } from "../../errors";
import { isForeignKeyViolation, isUniqueViolation } from "../../lib/db-errors";
import { describeProblems } from "../../lib/describe-problems";
import { unitOfWork, type OrgContext } from "../../lib/service-context";
import { namedRecords } from "../interactions/interactions.service";
import { checkAnswers } from "../respond/respond.service";
import { getSurvey, latestPublishedVersion } from "../surveys/surveys.service";
import type { ImportInput, ImportTarget } from "./response-import.schemas";
import * as repo from "./response-import.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

const notPublished = "Publish this survey before importing responses into it: rows are checked against its published questions.";

async function publishedTarget(ctx: Reader, surveyId: string) {
  const survey = await getSurvey(ctx, surveyId);
  const version = await latestPublishedVersion(ctx, survey.id);
  if (!version) throw new Invalid(notPublished, [{ path: "/surveyId", message: notPublished }]);
  return { survey, version };
}

// Elements that hold or show others rather than take an answer of their own.
const notAnswerable = new Set(["panel", "paneldynamic", "html", "image", "expression"]);

const titleOf = (title: unknown, name: string) =>
  typeof title === "string" && title.trim() ? title.trim() : isJsonObject(title) && typeof title.default === "string" ? title.default : name;

const choiceValues = (choices: unknown) =>
  Array.isArray(choices)
    ? choices.map((c) => (isJsonObject(c) ? c.value : c)).filter((v): v is string | number => typeof v === "string" || typeof v === "number")
    : null;

function questionsOf(definition: JsonObject): ImportTarget["questions"] {
  const found: ImportTarget["questions"] = [];
  walkElements(definition, {
    element(el) {
      if (typeof el.type !== "string" || typeof el.name !== "string" || notAnswerable.has(el.type)) return;
      const rating = el.type === "rating" && typeof el.rateMin === "number" && typeof el.rateMax === "number";
      found.push({
        name: el.name,
        title: titleOf(el.title, el.name),
        type: el.type,
        metric: typeof el.metric === "string" && el.metric ? el.metric : null,
        required: el.isRequired === true,
        scale: rating ? { min: el.rateMin as number, max: el.rateMax as number } : null,
        choices: ["radiogroup", "dropdown", "checkbox", "tagbox"].includes(el.type) ? choiceValues(el.choices) : null,
      });
    },
  });
  return found;
}

/** What an import into the survey takes: the questions of its published version and the organisation's time zone. */
export async function getImportTarget(ctx: Reader, surveyId: string): Promise<ImportTarget> {
  const { survey, version } = await publishedTarget(ctx, surveyId);
  return {
    surveyId: survey.id,
    title: survey.title,
    version: version.version,
    timeZone: await repo.findOrganisationZone(ctx.db, ctx.orgId),
    questions: questionsOf(version.definition),
  };
}

type Checked = { row: ImportInput["responses"][number]; respondedAt: Date; check: Extract<Awaited<ReturnType<typeof checkAnswers>>, { ok: true }> };

/** Every row checked against the published version; any wrong row rejects the whole request, each named by its number. */
async function checkRows(ctx: Pick<OrgContext, "now">, version: { id: string; definition: JsonObject }, rows: ImportInput["responses"]) {
  const errors: FieldError[] = [];
  const checked: Checked[] = [];
  for (const [i, row] of rows.entries()) {
    const at = `/responses/${i}`;
    const label = `Row ${i + 1}`;
    const respondedAt = new Date(row.respondedAt);
    if (respondedAt > ctx.now) {
      errors.push({ path: `${at}/respondedAt`, message: `${label}: respondedAt ${row.respondedAt} is in the future; import only answers already given.` });
    }
    const given = Object.entries(row.answers).filter(([, v]) => v !== null && v !== undefined && v !== "");
    if (given.length === 0) {
      errors.push({ path: `${at}/answers`, message: `${label}: it has no answers; send at least one answer to a question of the survey.` });
      continue;
    }
    const check = await checkAnswers(version, Object.fromEntries(given));
    if (!check.ok) {
      for (const e of check.errors) errors.push({ path: e.path.replace(/^\/data/, `${at}/answers`), message: `${label}: ${e.message}` });
      continue;
    }
    // A respondent's unknown keys are dropped; in an import they are a column mapped to the wrong name.
    for (const [name] of given) {
      if (!(name in check.data)) errors.push({ path: `${at}/answers/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: `${label}: the survey has no question named “${name}”; send answers under the names of its questions.` });
    }
    checked.push({ row, respondedAt, check });
  }
  if (errors.length) throw new Invalid(describeProblems(errors), errors);
  return checked;
}

async function importOnce(ctx: OrgContext, input: ImportInput) {
  const { db, orgId, now, settings } = ctx;
  const { survey, version } = await publishedTarget(ctx, input.surveyId);
  const checked = await checkRows(ctx, version, input.responses);
  const stored = await repo.findImportedIds(db, orgId, survey.id, [...new Set(checked.map((c) => c.row.externalId))], settings.maxSqlParams);
  const seen = new Set<string>();
  const fresh = checked.filter(({ row }) => {
    if (stored.has(row.externalId) || seen.has(row.externalId)) return false;
    seen.add(row.externalId);
    return true;
  });
  const result = { imported: fresh.length, skipped: checked.length - fresh.length, dryRun: input.dryRun === true };
  if (input.dryRun || fresh.length === 0) return result;

  const timeZone = await repo.findOrganisationZone(db, orgId);
  const units = await namedRecords(ctx, "unit", fresh.map((c) => c.row.unit));
  const agents = await namedRecords(ctx, "agent", fresh.map((c) => c.row.agent));
  const rows = fresh.map(({ row, respondedAt, check }) => ({
    row,
    respondedAt,
    check,
    id: crypto.randomUUID(),
    context: { unitId: units.idOf(row.unit), agentId: agents.idOf(row.agent), channel: row.channel ?? null, interactionType: row.type ?? null, interactionAt: null },
  }));
  const work = unitOfWork(ctx).add(
    ...units.statements(),
    ...agents.statements(),
    ...repo.insertResponsesStatements(
      rows.map(({ id, row, respondedAt, check, context }) => ({
        id,
        orgId,
        invitationId: null,
        surveyId: survey.id,
        surveyVersionId: version.id,
        data: check.data,
        nps: check.metrics.nps ?? null,
        csat: check.metrics.csat ?? null,
        ces: check.metrics.ces ?? null,
        scores: check.scores,
        ...context,
        externalId: row.externalId,
        customerEmail: row.customer?.email.toLowerCase() ?? null,
        importedAt: now,
        createdAt: respondedAt,
      })),
      settings.maxSqlParams,
    ),
  );
  for (const { id, respondedAt, check, context } of rows) {
    await work.raise({
      type: "response.recorded",
      orgId,
      timeZone,
      invitationId: null,
      invitationSentAt: null,
      responseId: id,
      surveyId: survey.id,
      surveyVersionId: version.id,
      metrics: check.metrics,
      scores: check.scores,
      comments: check.comments,
      context,
      at: respondedAt,
      imported: true,
    });
  }
  await work.commit();
  return result;
}

/**
 * Imports a batch all or nothing. A row already imported into the survey (or repeated in the batch) is skipped
 * and counted, so a file sent again, or a request retried after a failure, stores nothing twice.
 */
export async function importResponses(ctx: OrgContext, input: ImportInput) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await importOnce(ctx, input);
    } catch (err) {
      // A concurrent import stored some of the same externalIds, units or staff between our read and our
      // write: the batch rolled back whole, and the next pass sees those rows as stored.
      if (attempt >= 3 || (!isUniqueViolation(err) && !isForeignKeyViolation(err))) throw err;
    }
  }
}
