// Shapes of first-run setup.
import { z } from "zod";
import { emailField } from "../accounts/accounts.schemas";
import { newPasswordField } from "../auth/auth.schemas";

const setupToken = z.string({ error: "Open the setup link the server printed at start-up." }).min(1, "Open the setup link the server printed at start-up.").max(200);

export const setupQuery = z.object({ token: z.string().optional() });

// Read before the rest of the body, so a wrong token or a finished setup is a 404 whatever else was sent.
export const setupGate = z.unknown().transform((body) =>
  body && typeof body === "object" && "token" in body && typeof body.token === "string" ? body.token : "",
);

/** An IANA time-zone name the runtime knows, in its canonical spelling ("europe/london" becomes "Europe/London"). */
export const timeZoneField = z
  .string({ error: "Choose a time zone such as Europe/London." })
  .trim()
  .transform((zone, ctx) => {
    // Offsets ("+01:00") are valid to newer engines but are not places with their own summer time.
    if (/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
      try {
        return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
      } catch {
        // Falls through to the message below.
      }
    }
    ctx.addIssue({ code: "custom", message: "Choose a time zone from the list, such as Europe/London." });
    return z.NEVER;
  });

export const setupBody = z.object({
  token: setupToken,
  organisation: z.object({
    name: z.string({ error: "Enter your organisation's name." }).trim().min(1, "Enter your organisation's name.").max(100, "Enter a name of at most 100 characters."),
    timeZone: timeZoneField,
  }),
  admin: z.object({
    email: emailField,
    name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Enter a name of at most 100 characters."),
    password: newPasswordField,
  }),
});

export type SetupInput = z.infer<typeof setupBody>;
