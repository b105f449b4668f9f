// HTTP contract of surveys: drafts, publishing.
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody, query } from "../../lib/http";
import { pageQuery } from "../../lib/pagination";
import { requireRole } from "../auth/auth.middleware";
import { createSurveyBody, updateSurveyBody } from "./surveys.schemas";
import * as service from "./surveys.service";

const editors = requireRole("admin", "manager");
const readers = requireRole("admin", "manager", "reviewer");

export const surveyRoutes = new Hono<AppEnv>()
  .get("/surveys", readers, async (c) => c.json(await service.listSurveys(c.get("deps").db, c.get("orgId"), query(c, pageQuery))))
  .post("/surveys", editors, async (c) => {
    const body = await jsonBody(c, createSurveyBody);
    return c.json(await service.createSurvey(c.get("deps").db, c.get("orgId"), body, c.get("deps").now()), 201);
  })
  .get("/surveys/:id", readers, async (c) =>
    c.json(service.toView(await service.getSurvey(c.get("deps").db, c.get("orgId"), c.req.param("id")))),
  )
  .put("/surveys/:id", editors, async (c) => {
    const body = await jsonBody(c, updateSurveyBody);
    const { db, now } = c.get("deps");
    return c.json(await service.updateSurveyDraft(db, c.get("orgId"), c.req.param("id"), body, now()));
  })
  .post("/surveys/:id/publish", editors, async (c) => {
    const { db, now } = c.get("deps");
    return c.json(await service.publishSurvey(db, c.get("orgId"), c.req.param("id"), c.get("user").id, now()), 201);
  });
