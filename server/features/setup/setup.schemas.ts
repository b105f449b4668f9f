// Shapes of first-run setup.
import { z } from "../../lib/openapi";
import { emailField } from "../accounts/accounts.schemas";
import { me, newPasswordField } from "../auth/auth.schemas";

const setupToken = z
  .string({ error: "Open the setup link the server printed at start-up." })
  .min(1, "Open the setup link the server printed at start-up.")
  .max(200)
  .openapi({ description: "The setup token the server printed at start-up (or SETUP_TOKEN)." });

export const setupQuery = z.object({
  token: z.string().optional().openapi({ description: "The setup token the server printed at start-up (or SETUP_TOKEN)." }),
});

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
  })
  .openapi({ description: "An IANA time-zone name; stored in its canonical spelling.", example: "Europe/London" });

export const setupBody = z
  .object({
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
  })
  .openapi("Setup");

export type SetupInput = z.infer<typeof setupBody>;

export const setupReady = z.object({ ready: z.literal(true) }).openapi("SetupReady");

export const setupDone = z
  .object({
    user: me,
    organisation: z.object({ id: z.string(), name: z.string(), timeZone: z.string().openapi({ example: "Europe/London" }) }),
  })
  .openapi("SetupDone");
