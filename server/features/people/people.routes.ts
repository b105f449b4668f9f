// HTTP contract of the people of an organisation (admins only).
import { Hono } from "hono";
import type { AppEnv } from "../../app";
import { jsonBody, query } from "../../lib/http";
import { requireRole } from "../auth/auth.middleware";
import { inviteBody, listPeopleQuery, updatePersonBody } from "./people.schemas";
import { invitePerson, listPeople, resendInvitation, updatePerson } from "./people.service";

export const peopleRoutes = new Hono<AppEnv>()
  // "/people/*" covers "/people" itself too.
  .use("/people/*", requireRole("admin"))
  .get("/people", async (c) => c.json(await listPeople(c.get("deps").db, c.get("orgId"), query(c, listPeopleQuery))))
  .post("/people/invitations", async (c) => {
    const body = await jsonBody(c, inviteBody);
    const deps = c.get("deps");
    return c.json(await invitePerson(deps, c.get("user"), body, deps.now()), 201);
  })
  .post("/people/:id/invitation", async (c) => {
    const deps = c.get("deps");
    return c.json(await resendInvitation(deps, c.get("user"), c.req.param("id"), deps.now()), 201);
  })
  .patch("/people/:id", async (c) => {
    const body = await jsonBody(c, updatePersonBody);
    const { db, now } = c.get("deps");
    return c.json(await updatePerson(db, c.get("user"), c.req.param("id"), body, now()));
  });
