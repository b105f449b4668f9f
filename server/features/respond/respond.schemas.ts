// Shapes of the public respondent endpoints.
import { z } from "zod";

export const responseBody = z.object({ data: z.unknown() });
export const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, "This survey link is not valid. Check that the whole link was copied from the email.");
