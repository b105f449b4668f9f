// Shapes of the survey endpoints.
import { z } from "zod";

const title = z
  .string({ error: "Enter a title for the survey." })
  .trim()
  .min(1, "Enter a title for the survey.")
  .max(200, "Enter a title of at most 200 characters.");
const definition = z.record(z.string(), z.unknown(), { error: "Send the definition as a SurveyJS JSON object: { … }." });

export const createSurveyBody = z.object({ title, definition });
export const updateSurveyBody = z
  .object({ title: title.optional(), definition: definition.optional() })
  .refine((b) => b.title !== undefined || b.definition !== undefined, "Send a new title, a new definition or both.");

export type SurveyView = {
  id: string;
  title: string;
  status: "draft" | "published";
  latestVersion: number | null;
  hasUnpublishedChanges: boolean;
  definition: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};
