// Shapes of the counter kiosks: a unit's anonymous survey link, managed by admins and answered by walk-in customers.
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

export const UNKNOWN_KIOSK = "This kiosk link is not open. Ask staff for the current link, or check that the whole address was typed.";

export const unitIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5c2e…" }) });

export const slugParam = z.object({
  slug: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/, UNKNOWN_KIOSK)
    .openapi({
      param: { name: "slug", in: "path" },
      description: "The kiosk's random slug from `/k/<slug>`. A malformed one answers 404, like an unknown or closed one.",
      example: "Vq3d0bZ8m1-4kF7yXcA2Lw",
    }),
});

export const kioskBody = z
  .object({
    surveyId: z
      .string({ error: "Choose the survey the kiosk shows." })
      .min(1, "Choose the survey the kiosk shows.")
      .openapi({ description: "A published survey of the organisation.", example: "0b7c…" }),
  })
  .openapi("KioskChoice");

export const kioskView = z
  .object({
    id: z.string().openapi({ description: "The unit's id." }),
    unitName: z.string().openapi({ example: "North branch" }),
    slug: z.string().nullable().openapi({ description: "The link is `/k/<slug>`; null while the unit has no open kiosk." }),
    surveyId: z.string().nullable(),
    surveyTitle: z.string().nullable().openapi({ example: "After your visit" }),
  })
  .openapi("Kiosk");
export type KioskView = z.infer<typeof kioskView>;
export const kioskPage = pageOf(kioskView, "KioskPage");

export const kioskSurvey = z
  .object({
    title: z.string().openapi({ example: "After your visit" }),
    unitName: z.string().openapi({ example: "North branch" }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: "The SurveyJS JSON of the survey's latest published version." }),
    locale: z.string().optional().openapi({ description: "The survey's language, when its definition names one.", example: "de" }),
  })
  .openapi("KioskSurvey");
