// Shapes of the API-key endpoints.
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

export const createApiKeyBody = z
  .object({
    name: z
      .string({ error: "Enter a key name, such as the system that will use it." })
      .trim()
      .min(1, "Enter a key name, such as the system that will use it.")
      .max(100, "Enter a key name of at most 100 characters.")
      .openapi({ example: "Helpdesk" }),
  })
  .openapi("NewApiKey");

export const apiKeyIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5d1e…" }) });

const someone = z.object({ name: z.string().nullable(), email: z.string() }).nullable();

export const apiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart.", example: "rpk_Ab3x" }),
    createdAt: z.iso.datetime(),
    createdBy: someone,
    lastUsedAt: z.iso.datetime().nullable().openapi({ description: "To the minute." }),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: someone,
  })
  .openapi("ApiKey");
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const apiKeyPage = pageOf(apiKeyView, "ApiKeyPage");

export const createdApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    key: z.string().openapi({ description: "The key itself, shown this once: only its hash is stored.", example: "rpk_…" }),
  })
  .openapi("CreatedApiKey");
