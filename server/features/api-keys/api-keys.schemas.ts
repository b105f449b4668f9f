// Shapes of the API-key endpoints.
import { z } from "zod";

export const createApiKeyBody = z.object({
  name: z
    .string({ error: "Enter a key name, such as the system that will use it." })
    .trim()
    .min(1, "Enter a key name, such as the system that will use it.")
    .max(100, "Enter a key name of at most 100 characters."),
});
