// Shapes of the survey endpoints.
import { z } from "zod";

const title = z.string().trim().min(1, "a survey needs a title").max(200);
const definition = z.record(z.string(), z.unknown(), "must be a SurveyJS JSON object");

export const createSurveyBody = z.object({ title, definition });
export const updateSurveyBody = z
  .object({ title: title.optional(), definition: definition.optional() })
  .refine((b) => b.title !== undefined || b.definition !== undefined, "send a title, a definition or both");

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
