// Shapes of the API-key endpoints.
import { z } from "zod";

export const createApiKeyBody = z.object({ name: z.string().trim().min(1).max(100) });
