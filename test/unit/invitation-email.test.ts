import { describe, expect, it } from "vitest";
import { firstRatingQuestion } from "../../server/domain/survey-texts";
import {
  interactionPhrase,
  mailAddress,
  renderInvitationEmail,
  senderFrom,
  type InvitationEmailInput,
} from "../../server/features/dispatch/invitation-email";

const link = "https://rapport.example/s/TOKEN_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const nps = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "html", name: "intro", html: "<p>Hi</p>" },
        { type: "comment", name: "why", metric: "comment" },
        {
          type: "rating",
          name: "nps",
          title: { default: "How likely are you to recommend us?", de: "Wie wahrscheinlich empfehlen Sie uns?" },
          rateMin: 0,
          rateMax: 10,
          metric: "nps",
          minRateDescription: "Not likely",
          maxRateDescription: "Very likely",
        },
        { type: "rating", name: "csat", rateMin: 1, rateMax: 5, metric: "csat" },
      ],
    },
  ],
};

const input = (over: Partial<InvitationEmailInput> = {}): InvitationEmailInput => ({
  orgId: "org-1",
  orgName: "Northwind Bank",
  outboxId: "row-1",
  from: "Northwind Bank <surveys@rapport.example>",
  to: "pat@example.org",
  name: "Pat",
  surveyTitle: "Your visit",
  question: firstRatingQuestion(nps),
  interaction: { type: "enquiry", channel: "phone", occurredAt: new Date("2026-11-21T10:00:00Z"), unit: "North branch", agent: "Sam" },
  locale: "en-GB",
  timeZone: "Europe/London",
  link,
  unsubscribeLink: "https://rapport.example/u/TOKEN",
  reminder: false,
  expiresAt: new Date("2026-11-23T12:00:00Z"),
  ...over,
});

const cells = (html: string) => [...html.matchAll(/<td\b[^>]*>\s*<a\b[^>]*href="([^"]*\?rating=[^"]*)"[^>]*>([^<]*)<\/a>\s*<\/td>/g)];

describe("the invitation email", () => {
  it("shows an NPS question as one row of eleven links with text digits 0 to 10, each opening the survey with that rating", async () => {
    const email = await renderInvitationEmail(input());
    const html = email.html!;
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].filter((m) => m[1]!.includes("?rating="));
    expect(rows).toHaveLength(1);
    const found = cells(html);
    expect(found.map((c) => c[2])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(found.map((c) => c[1])).toEqual(Array.from({ length: 11 }, (_, n) => `${link}?rating=${n}`));
    expect(html).toContain("How likely are you to recommend us?");
    expect(html.indexOf("How likely")).toBeLessThan(html.indexOf("?rating=0"));
    expect(html.indexOf("Not likely")).toBeGreaterThan(html.indexOf("?rating=10"));
    expect(html).toContain("Very likely");
  });

  it("uses no SVG, flex or grid, and gives every number cell and link its own text and background colours", async () => {
    const html = (await renderInvitationEmail(input())).html!;
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/display:\s*(inline-)?flex/);
    expect(html).not.toMatch(/display:\s*(inline-)?grid/);
    for (const c of cells(html)) {
      const td = /<td\b[^>]*style="([^"]*)"/.exec(c[0])![1]!;
      const a = /<a\b[^>]*style="([^"]*)"/.exec(c[0])![1]!;
      for (const style of [td, a]) {
        expect(style).toMatch(/(^|;)color:#/);
        expect(style).toMatch(/(^|;)background:#/);
      }
    }
  });

  it("stays at most 600 px wide, fits eleven numbers into a 320 px screen, and wraps long links", async () => {
    const html = (await renderInvitationEmail(input())).html!;
    expect(html).toContain("max-width:600px");
    expect(html).toContain("table-layout:fixed");
    expect(html).not.toMatch(/width="(\d{3,})"/);
    expect(html).toMatch(/word-break:break-all;overflow-wrap:anywhere">Or open this link/);
  });

  it("keeps the button, the footer unsubscribe link and the List-Unsubscribe headers", async () => {
    const email = await renderInvitationEmail(input());
    expect(email.html).toContain(`<a href="${link}" style="display:inline-block`);
    expect(email.html).toContain('href="https://rapport.example/u/TOKEN"');
    expect(email.headers).toEqual({ "List-Unsubscribe": "<https://rapport.example/u/TOKEN>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("has a text part with the survey link, every rating link and the unsubscribe link", async () => {
    const text = (await renderInvitationEmail(input())).text!;
    expect(text).toContain(`Open the survey: ${link}\n`);
    for (let n = 0; n <= 10; n++) expect(text).toContain(`${n}: ${link}?rating=${n}\n`);
    expect(text).toContain("Unsubscribe: https://rapport.example/u/TOKEN");
  });

  it("names the organisation in the body, the public title in the subject, and the interaction it follows", async () => {
    const email = await renderInvitationEmail(input());
    expect(email.from).toBe("Northwind Bank <surveys@rapport.example>");
    expect(email.subject).toBe("How did we do? Your visit");
    expect(email.html).toContain("Thank you for choosing Northwind Bank.");
    expect(email.html).toContain("about your enquiry by phone on 21 November at North branch with Sam");
    expect(email.text).toContain("Thank you for choosing Northwind Bank.");
  });

  it("writes the closing date in the customer's language, never as an ISO date", async () => {
    const en = await renderInvitationEmail(input());
    expect(en.html).toContain("The survey closes on 23 November 2026.");
    expect(en.html).not.toContain("2026-11-23");
    const de = await renderInvitationEmail(input({ locale: "de" }));
    expect(de.html).toContain("23. November 2026");
    expect(de.html).toContain("Wie wahrscheinlich empfehlen Sie uns?");
    const unknown = await renderInvitationEmail(input({ locale: "not a locale!", timeZone: "Mars/Olympus" }));
    expect(unknown.text).toContain("November 23, 2026");
  });

  it("keeps the same body with reminder wording for a reminder", async () => {
    const email = await renderInvitationEmail(input({ reminder: true }));
    expect(email.subject).toBe("Reminder: How did we do? Your visit");
    expect(email.html).toContain("A little while ago Northwind Bank asked how we did about your enquiry");
    expect(cells(email.html!)).toHaveLength(11);
  });

  it("renders the same bytes every time for the same row", async () => {
    expect(await renderInvitationEmail(input())).toEqual(await renderInvitationEmail(input()));
  });

  it("falls back to the plain button when the survey has no metric question", async () => {
    const question = firstRatingQuestion({ pages: [{ elements: [{ type: "rating", name: "plain", rateMax: 5 }, { type: "comment", name: "c", metric: "comment" }] }] });
    expect(question).toBeNull();
    const email = await renderInvitationEmail(input({ question }));
    expect(email.html).not.toContain("?rating=");
    expect(email.text).not.toContain("?rating=");
    expect(email.html).toContain("Answer the survey</a>");
  });

  it("escapes what organisations and systems of record wrote", async () => {
    const email = await renderInvitationEmail(input({ orgName: "<b>Evil</b>", interaction: { type: null, channel: null, occurredAt: null, unit: '"><script>', agent: null } }));
    expect(email.html).not.toContain("<b>Evil</b>");
    expect(email.html).not.toContain("<script>");
  });
});

describe("the first rating question", () => {
  it("is the first rating with a scored role, in page order, with its whole scale", () => {
    const q = firstRatingQuestion({
      pages: [{ elements: [{ type: "panel", name: "p", elements: [{ type: "rating", name: "ces", metric: "ces", rateMin: 1, rateMax: 7, title: "Easy?" }] }] }, { elements: [nps.pages[0]!.elements[2]] }],
    });
    expect(q).toMatchObject({ title: "Easy?", values: [1, 2, 3, 4, 5, 6, 7] });
  });

  it("reads rateValues and SurveyJS's defaults, and ignores a scale its role does not allow", () => {
    expect(firstRatingQuestion({ elements: [{ type: "rating", name: "c", metric: "csat" }] })?.values).toEqual([1, 2, 3, 4, 5]);
    expect(firstRatingQuestion({ elements: [{ type: "rating", name: "c", metric: "csat", rateValues: [1, 2, { value: 3, text: "ok" }, 4, 5] }] })?.values).toEqual([1, 2, 3, 4, 5]);
    expect(firstRatingQuestion({ elements: [{ type: "rating", name: "c", metric: "nps", rateMin: 1, rateMax: 10 }] })).toBeNull();
  });
});

describe("the sender", () => {
  it("is the organisation's name at the address MAIL_FROM names", () => {
    expect(mailAddress("Rapport <surveys@rapport.test>")).toBe("surveys@rapport.test");
    expect(mailAddress("surveys@rapport.test")).toBe("surveys@rapport.test");
    expect(mailAddress("not an address")).toBeNull();
    expect(senderFrom("Test org", "Rapport <surveys@rapport.test>")).toBe("Test org <surveys@rapport.test>");
    expect(senderFrom("Smith, Jones & Co.", "surveys@rapport.test")).toBe('"Smith, Jones & Co." <surveys@rapport.test>');
    expect(senderFrom('Say "hi"\r\nBcc: x@y.z', "surveys@rapport.test")).toBe('"Say \\"hi\\" Bcc: x@y.z" <surveys@rapport.test>');
    expect(senderFrom("", "Rapport <surveys@rapport.test>")).toBe("Rapport <surveys@rapport.test>");
  });
});

describe("the interaction phrase", () => {
  it("says whatever is known", () => {
    const none = { type: null, channel: null, occurredAt: null, unit: null, agent: null };
    expect(interactionPhrase(none, "en", null)).toBe("");
    expect(interactionPhrase({ ...none, type: "support_ticket", channel: "in-person" }, "en", null)).toBe("about your support ticket in person");
    expect(interactionPhrase({ ...none, unit: "North branch" }, "en", null)).toBe("about your visit at North branch");
  });
});
