// Proves the lint enforces STYLE.md's layer boundaries: each rule rejects a deliberate violation and lets the compliant import through.

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

const IMPORTS = "lint/style/noRestrictedImports";
const GLOBALS = "lint/style/noRestrictedGlobals";
const NODE_PROTOCOL = "lint/style/useNodejsImportProtocol";
const PLUGIN = "plugin";
const BOUNDARY_RULES = [IMPORTS, GLOBALS, PLUGIN];

type Finding = { rule: string; line: number; message: string };

// Biome prints no diagnostics for --stdin-file-path, so each case is a file in its own copy of the project's lint config.
let workspace: string;
let cases = 0;

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), "architecture-lint-"));
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function lint(path: string, source: string): { failed: boolean; findings: Finding[] } {
  const project = join(workspace, `case-${++cases}`);
  mkdirSync(dirname(join(project, path)), { recursive: true });
  cpSync(join(ROOT, "biome.json"), join(project, "biome.json"));
  cpSync(join(ROOT, "lint"), join(project, "lint"), { recursive: true });
  writeFileSync(join(project, path), source);
  const run = spawnSync(BIOME, ["lint", "--error-on-warnings", "--reporter=rdjson", path], { cwd: project, encoding: "utf8" });
  if (run.error) throw run.error;
  const report = JSON.parse(run.stdout) as {
    diagnostics: { code?: { value: string }; message: string; location: { range?: { start: { line: number } } } }[];
  };
  const findings = report.diagnostics.map((d) => ({ rule: d.code?.value ?? "", line: d.location.range?.start.line ?? 0, message: d.message }));
  return { failed: run.status !== 0, findings };
}

function expectViolation(path: string, source: string, rule: string, saying: string | RegExp): void {
  const { failed, findings } = lint(path, source);
  expect(failed).toBe(true);
  const hits = findings.filter((f) => f.rule === rule);
  expect(hits.length, `${rule} on ${path}: ${JSON.stringify(findings)}`).toBeGreaterThan(0);
  expect(hits.map((h) => h.message).join("\n")).toMatch(saying);
}

function expectCompliant(path: string, source: string): void {
  const { findings } = lint(path, source);
  expect(findings.filter((f) => BOUNDARY_RULES.includes(f.rule))).toEqual([]);
}

const uses = (...names: string[]) => `export const used = [${names.join(", ")}];\n`;

describe("routes stay thin", () => {
  const route = "server/features/demo/demo.routes.ts";

  it("a route that imports drizzle fails the lint", () => {
    expectViolation(route, `import { eq } from "drizzle-orm";\n${uses("eq")}`, IMPORTS, /Routes never query/);
    expectViolation(route, `import { sqliteTable } from "drizzle-orm/sqlite-core";\n${uses("sqliteTable")}`, IMPORTS, /Routes never query/);
  });

  it("a route that imports the database client or schema fails the lint", () => {
    expectViolation(route, `import { runBatch } from "../../../db/client";\n${uses("runBatch")}`, IMPORTS, /never touch db/);
    expectViolation(route, `import type { Role } from "../../../db/schema";\nexport type R = Role;\n`, IMPORTS, /never touch db/);
  });

  it("a route that calls its repo fails the lint", () => {
    expectViolation(route, `import { findDemo } from "./demo.repo";\n${uses("findDemo")}`, IMPORTS, /never a repo/);
  });

  it("a route that calls another feature's service fails the lint", () => {
    expectViolation(route, `import { listSurveys } from "../surveys/surveys.service";\n${uses("listSurveys")}`, IMPORTS, /only its own feature's service/);
  });

  it("a route that reads the dev mailbox itself fails the lint", () => {
    expectViolation(route, `import { listDevMessages } from "../../mail/dev-mailbox";\n${uses("listDevMessages")}`, IMPORTS, /mail implementations/);
  });

  it("a route that uses its own service, its schemas, another feature's schemas and the auth middleware passes", () => {
    expectCompliant(
      route,
      [
        `import { createRoute } from "@hono/zod-openapi";`,
        `import { createRouter, json } from "../../lib/openapi";`,
        `import { orgContext } from "../../lib/route-context";`,
        `import { requireRole } from "../auth/auth.middleware";`,
        `import { surveyView } from "../surveys/surveys.schemas";`,
        `import { demoBody } from "./demo.schemas";`,
        `import * as service from "./demo.service";`,
        uses("createRoute", "createRouter", "json", "orgContext", "requireRole", "surveyView", "demoBody", "service"),
      ].join("\n"),
    );
  });
});

describe("features keep their insides", () => {
  const service = "server/features/demo/demo.service.ts";

  it("a service that imports another feature's repo fails the lint", () => {
    expectViolation(service, `import { findSurvey } from "../surveys/surveys.repo";\n${uses("findSurvey")}`, IMPORTS, /only through its \*\.service/);
  });

  it("a service that imports another feature's private module fails the lint", () => {
    expectViolation(service, `import { invitationEmail } from "../dispatch/invitation-email";\n${uses("invitationEmail")}`, IMPORTS, /only through its \*\.service/);
  });

  it("a service that re-exports its repo fails the lint", () => {
    const namespace = `import * as repo from "./demo.repo";\n`;
    expectViolation(service, `${namespace}export const insertDemoStatement = repo.insertDemoStatement;\n`, PLUGIN, /must not hand out its repo/);
    expectViolation(service, `${namespace}export const { insertDemoStatement } = repo;\n`, PLUGIN, /must not hand out its repo/);
    expectViolation(service, `export { insertDemoStatement } from "./demo.repo";\n`, PLUGIN, /must not hand out its repo/);
    expectViolation(service, `import { insertDemoStatement } from "./demo.repo";\nexport { insertDemoStatement };\n`, PLUGIN, /must not hand out its repo/);
  });

  it("a service that uses its repo, another feature's service and the service context passes", () => {
    expectCompliant(
      service,
      [
        `import type { OrgContext } from "../../lib/service-context";`,
        `import { latestPublishedVersion } from "../surveys/surveys.service";`,
        `import * as repo from "./demo.repo";`,
        `export type { DemoRow } from "./demo.repo";`,
        `export const findDemo = (ctx: Pick<OrgContext, "db" | "orgId">, id: string) => repo.findDemo(ctx.db, ctx.orgId, id);`,
        uses("latestPublishedVersion"),
      ].join("\n"),
    );
  });

  it("a feature that imports a Node or Workers module fails the lint", () => {
    expectViolation(service, `import { readFile } from "node:fs/promises";\n${uses("readFile")}`, IMPORTS, /no node:\* modules/);
    expectViolation(service, `import { serve } from "@hono/node-server";\n${uses("serve")}`, IMPORTS, /Node adapter/);
    expectViolation(service, `import { env } from "cloudflare:workers";\n${uses("env")}`, IMPORTS, /Workers APIs/);
  });

  it("a feature that imports a Node builtin without the node: prefix fails the lint, so the prefix rule can catch it", () => {
    expectViolation(service, `import { readFile } from "fs/promises";\n${uses("readFile")}`, NODE_PROTOCOL, /node:/);
  });

  it("a feature that reads process.env fails the lint", () => {
    expectViolation(service, `export const key = process.env.RESEND_API_KEY;\n`, GLOBALS, /process/);
  });

  it("the Node entry may read process.env", () => {
    expectCompliant("server/entry.node.ts", `export const port = Number(process.env.PORT ?? 3000);\n`);
  });
});

describe("domain stays pure", () => {
  const domain = "server/domain/stats/demo.ts";

  it("domain code that imports drizzle, db/, hono or a feature fails the lint", () => {
    expectViolation(domain, `import { eq } from "drizzle-orm";\n${uses("eq")}`, IMPORTS, /no database/);
    expectViolation(domain, `import { surveys } from "../../../db/schema";\n${uses("surveys")}`, IMPORTS, /no database/);
    expectViolation(domain, `import { HTTPException } from "hono/http-exception";\n${uses("HTTPException")}`, IMPORTS, /no HTTP/);
    expectViolation(domain, `import { z } from "@hono/zod-openapi";\n${uses("z")}`, IMPORTS, /no HTTP/);
    expectViolation(domain, `import { toView } from "../../features/surveys/surveys.service";\n${uses("toView")}`, IMPORTS, /below every feature/);
  });

  it("domain code that imports lib/ plumbing fails the lint", () => {
    expectViolation(domain, `import { pageQuery } from "../../lib/pagination";\n${uses("pageQuery")}`, IMPORTS, /only the pure lib\/ helpers/);
  });

  it("domain code that imports node:* or reads process fails the lint", () => {
    expectViolation(domain, `import { randomInt } from "node:crypto";\n${uses("randomInt")}`, IMPORTS, /no node:\* modules/);
    expectViolation(domain, `export const seed = process.env.SEED;\n`, GLOBALS, /process/);
  });

  it("domain code that uses other domain modules, pure lib/ helpers, maths packages and error types passes", () => {
    expectCompliant(
      domain,
      [
        `import { Matrix } from "ml-matrix";`,
        `import type { FieldError } from "../../errors";`,
        `import { chunk } from "../../lib/chunk";`,
        `import { jsonPointer } from "../json-pointer";`,
        `import { meanOf } from "./mean";`,
        `export type E = FieldError;`,
        uses("Matrix", "chunk", "jsonPointer", "meanOf"),
      ].join("\n"),
    );
  });
});

describe("shared server code never imports a feature", () => {
  it("lib/ or mail/ code that imports a feature fails the lint", () => {
    const source = `import { userForSession } from "../features/auth/auth.service";\n${uses("userForSession")}`;
    expectViolation("server/lib/demo.ts", source, IMPORTS, /never imports a feature/);
    expectViolation("server/mail/demo.ts", source, IMPORTS, /never imports a feature/);
  });

  it("lib/ code that uses errors and other lib/ modules passes", () => {
    expectCompliant("server/lib/demo.ts", `import { Invalid } from "../errors";\nimport { chunk } from "./chunk";\n${uses("Invalid", "chunk")}`);
  });
});

describe("web takes only types from server", () => {
  const page = "web/admin/pages/demo.page.tsx";

  it("web code that imports a value from server fails the lint", () => {
    expectViolation(page, `import { listSurveys } from "../../../server/features/surveys/surveys.service";\n${uses("listSurveys")}`, PLUGIN, /only types from server/);
    expectViolation(page, `import * as errors from "../../../server/errors";\n${uses("errors")}`, PLUGIN, /only types from server/);
    expectViolation(page, `export { problemTypes } from "../../../server/errors";\n`, PLUGIN, /only types from server/);
    expectViolation(page, `export const load = () => import("../../../server/lib/openapi");\n`, PLUGIN, /only types from server/);
  });

  it("an inline type specifier still loads the server module, so it fails the lint", () => {
    expectViolation(page, `import { type SurveyView } from "../../../server/features/surveys/surveys.schemas";\nexport type V = SurveyView;\n`, PLUGIN, /import type/);
  });

  it("web code that imports types from server and values from server/domain passes", () => {
    expectCompliant(
      page,
      [
        `import type { SurveyView } from "../../../server/features/surveys/surveys.schemas";`,
        `export type { AppType } from "../../../server/app";`,
        `import { jsonPointer } from "../../../server/domain/json-pointer";`,
        `export type V = SurveyView;`,
        uses("jsonPointer"),
      ].join("\n"),
    );
  });
});

describe("the respondent page stays its own small entry", () => {
  const respond = "web/respond/demo.tsx";

  it("the respondent page that imports admin code fails the lint", () => {
    expectViolation(respond, `import { useSession } from "../admin/session";\n${uses("useSession")}`, IMPORTS, /never imports admin code/);
  });

  it("the respondent page that imports TanStack fails the lint", () => {
    expectViolation(respond, `import { useQuery } from "@tanstack/react-query";\n${uses("useQuery")}`, IMPORTS, /no TanStack/);
  });

  it("shared web code that imports admin code fails the lint", () => {
    expectViolation("web/shared/demo.ts", `import { useSession } from "../admin/session";\n${uses("useSession")}`, IMPORTS, /never imports admin\/ or respond\//);
  });

  it("the respondent page that uses shared web code passes", () => {
    expectCompliant(respond, `import { api } from "../shared/api";\nimport { applySurveyTheme } from "../shared/survey-theme";\n${uses("api", "applySurveyTheme")}`);
  });
});
