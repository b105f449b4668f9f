import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlPolicy, sanitizeDefinition, sanitizeFragment } from "../../server/domain/survey-sanitize";

describe("the survey HTML policy", () => {
  it("keeps harmless formatting, opening links in a new tab without an opener", () => {
    expect(
      sanitizeFragment(
        '<h2>Thanks!</h2><p>We read <b>every</b> answer, <i>really</i>, <em>all</em> of <strong>them</strong>.<br>' +
          '<a href="https://example.com/help?a=1&amp;b=2">Help</a> or <a href="mailto:help@example.com">mail us</a></p>' +
          '<ul><li>one</li></ul><ol><li>two</li></ol><img src="https://cdn.example.com/logo.png" alt="Logo">',
      ),
    ).toBe(
      '<h2>Thanks!</h2><p>We read <b>every</b> answer, <i>really</i>, <em>all</em> of <strong>them</strong>.<br />' +
        '<a href="https://example.com/help?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">Help</a> or ' +
        '<a href="mailto:help@example.com" rel="noopener noreferrer" target="_blank">mail us</a></p>' +
        '<ul><li>one</li></ul><ol><li>two</li></ol><img src="https://cdn.example.com/logo.png" alt="Logo" />',
    );
  });

  it("overrides a link's own target and rel, so no page it opens can reach back", () => {
    expect(sanitizeFragment('<a href="https://x.example" target="_self" rel="opener">x</a>')).toBe(
      '<a href="https://x.example" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });

  it.each([
    ["an event handler", '<p onclick="steal()">hi</p>', "<p>hi</p>"],
    ["an image's onerror", '<img src=x onerror="steal()">', ""],
    ["a script", "<script>steal()</script>after", "after"],
    ["a javascript: link", '<a href="javascript:steal()">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["an entity-encoded javascript: link", '<a href="jav&#x61;script&colon;steal()">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["a javascript: link split by a tab", '<a href="java\tscript:steal()">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["a data: link", '<a href="data:text/html,<script>steal()</script>">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["a relative link into the app", '<a href="/api/api-keys">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["a protocol-relative link", '<a href="//evil.example/">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ["a data: image", '<img src="data:image/svg+xml,<svg onload=steal()>">', ""],
    ["a plain-http image", '<img src="http://tracker.example/p.gif">', ""],
    ["an svg with onload", '<svg onload="steal()"><circle r="1"/></svg>ok', "ok"],
    ["an iframe with srcdoc", '<iframe srcdoc="<script>steal()</script>"></iframe>', ""],
    ["a base element", '<base href="https://evil.example/">', ""],
    ["a meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:steal()">', ""],
    ["a style element", "<style>body{background:url(javascript:steal())}</style>", ""],
    ["a style attribute", '<div style="background:url(javascript:steal())">x</div>', "<div>x</div>"],
    ["a form", '<form action="https://evil.example"><button>Go</button></form>', "Go"],
    ["an object", '<object data="javascript:steal()"></object>', ""],
    ["svg namespace confusion", "<svg><style><img src=x onerror=steal()></style></svg>", ""],
    ["math namespace confusion", "<math><mtext><table><mglyph><style><img src=x onerror=steal()>", ""],
    ["noscript breaking out of an attribute", '<noscript><p title="</noscript><img src=x onerror=steal()>">', ""],
    ["a template", "<template><img src=x onerror=steal()></template>", ""],
    ["an abruptly closed comment", "<!--><img src=x onerror=steal()>-->", "--&gt;"],
    ["an unclosed tag", "<img src=x onerror=steal()//", ""],
    ["ids and classes that could clobber or mimic the app", '<p id="root" class="button">x</p>', "<p>x</p>"],
  ])("removes %s", (_, input, output) => {
    expect(sanitizeFragment(input)).toBe(output);
  });

  // Every `<` in the output starts a tag the sanitizer wrote (text has its `<` escaped), so checking tags
  // and attribute names in the serialisation checks everything a browser will build from it.
  it("never lets a tag or attribute outside the policy through, whatever the mix of pieces", () => {
    const pieces = ["<", ">", "</", "/>", "script", "img", "svg", "math", "style", "a", "p", "b", " src=x", " href=", " onerror=", " onload=",
      '"', "'", "javascript:", "java&#x61;script:", "https://e.example/", "<!--", "-->", "<![CDATA[", "]]>", "=", " ", "steal()", "&lt;", "<noscript>", "<template>", "<iframe srcdoc=", "\t"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const out = sanitizeFragment(parts.join(""));
        for (const [, name, attrs] of out.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
          expect(htmlPolicy.tags).toContain(name!.toLowerCase());
          for (const [, attr] of attrs!.matchAll(/\s([^\s=/]+)=/g)) expect([...(htmlPolicy.attributes[name!] ?? []), "rel", "target"]).toContain(attr);
        }
        expect(out).not.toMatch(/<[^>]*(javascript|data|vbscript):/i);
        expect(sanitizeFragment(out)).toBe(out);
      }),
      { numRuns: 400 },
    );
  });
});

describe("sanitizing a survey definition", () => {
  it("cleans html questions and the completion, loading and completed-before pages", () => {
    const { definition, changed } = sanitizeDefinition({
      completedHtml: "<h3>Thanks</h3><img src=x onerror=steal()>",
      completedBeforeHtml: '<p onmouseover="steal()">Already done</p>',
      loadingHtml: "<script>steal()</script>Loading",
      completedHtmlOnCondition: [{ expression: "{nps} < 7", html: '<a href="javascript:steal()">Sorry</a>' }],
      pages: [{ name: "p1", elements: [{ type: "html", name: "intro", html: "<p>Hi<br><svg onload=steal()></svg></p>" }] }],
    });
    expect(definition).toEqual({
      completedHtml: "<h3>Thanks</h3>",
      completedBeforeHtml: "<p>Already done</p>",
      loadingHtml: "Loading",
      completedHtmlOnCondition: [{ expression: "{nps} < 7", html: '<a rel="noopener noreferrer" target="_blank">Sorry</a>' }],
      pages: [{ name: "p1", elements: [{ type: "html", name: "intro", html: "<p>Hi<br /></p>" }] }],
    });
    expect(changed).toEqual([
      "/completedHtml",
      "/completedBeforeHtml",
      "/loadingHtml",
      "/completedHtmlOnCondition/0/html",
      "/pages/0/elements/0/html",
    ]);
  });

  it("cleans every variant of a localized string and reports each by its locale", () => {
    const { definition, changed } = sanitizeDefinition({
      title: { default: "Your <b>visit</b>", fr: "Votre visite<img src=x onerror=steal()>", de: "Ihr Besuch" },
      pages: [{ name: "p1", elements: [{ type: "comment", name: "c", description: { default: "<i>Optional</i>", es: "<i onclick=steal()>Opcional</i>" } }] }],
    });
    expect(definition).toEqual({
      title: { default: "Your <b>visit</b>", fr: "Votre visite", de: "Ihr Besuch" },
      pages: [{ name: "p1", elements: [{ type: "comment", name: "c", description: { default: "<i>Optional</i>", es: "<i>Opcional</i>" } }] }],
    });
    expect(changed).toEqual(["/title/fr", "/pages/0/elements/0/description/es"]);
  });

  it("reaches choice, rating, matrix, validator and error texts through survey-core's property metadata", () => {
    const bad = "<img src=x onerror=steal()>";
    const { definition, changed } = sanitizeDefinition({
      pages: [
        {
          name: "p1",
          title: `Page${bad}`,
          elements: [
            { type: "radiogroup", name: "r", choices: [{ value: 1, text: `One${bad}` }], otherText: `Other${bad}` },
            { type: "rating", name: "nps", rateValues: [{ value: 0, text: `Zero${bad}` }], minRateDescription: `Unlikely${bad}`, maxRateDescription: "Likely" },
            { type: "matrix", name: "m", rows: [{ value: "a", text: `A${bad}` }], columns: [{ value: 1, text: `1${bad}` }], cells: { a: { 1: `cell${bad}` } } },
            { type: "matrixdropdown", name: "md", rows: ["x"], columns: [{ name: "c", cellType: "dropdown", choices: [{ value: 1, text: `c${bad}` }] }] },
            { type: "text", name: "t", requiredErrorText: `Required${bad}`, placeholder: `Type${bad}`, validators: [{ type: "numeric", text: `Number${bad}` }] },
            { type: "paneldynamic", name: "pd", templateTitle: `Entry${bad}`, templateElements: [{ type: "text", name: "inner", title: `Inner${bad}` }] },
          ],
        },
      ],
    });
    expect(JSON.stringify(definition)).not.toContain("onerror");
    expect(changed).toEqual([
      "/pages/0/title",
      "/pages/0/elements/0/choices/0/text",
      "/pages/0/elements/0/otherText",
      "/pages/0/elements/1/rateValues/0/text",
      "/pages/0/elements/1/minRateDescription",
      "/pages/0/elements/2/rows/0/text",
      "/pages/0/elements/2/columns/0/text",
      "/pages/0/elements/2/cells/a/1",
      "/pages/0/elements/3/columns/0/choices/0/text",
      "/pages/0/elements/4/requiredErrorText",
      "/pages/0/elements/4/placeholder",
      "/pages/0/elements/4/validators/0/text",
      "/pages/0/elements/5/templateTitle",
      "/pages/0/elements/5/templateElements/0/title",
    ]);
  });

  it("leaves expressions, names, values and regular expressions exactly as written", () => {
    const input = {
      calculatedValues: [{ name: "low", expression: "{nps} < 7" }],
      triggers: [{ type: "complete", expression: "{age} < 18" }],
      pages: [
        {
          name: "p<1>",
          visibleIf: "{a} <> '<b>'",
          elements: [
            { type: "radiogroup", name: "<r>", valueName: "<v>", choices: ["<b>raw</b>", { value: "<i>v</i>", text: "fine" }], defaultValue: "<b>raw</b>", visibleIf: "{x} < 3" },
            { type: "text", name: "t", validators: [{ type: "regex", regex: "^<[a-z]+>$", text: "Use a tag" }], requiredIf: "{t2} <= 1" },
          ],
        },
      ],
    };
    expect(sanitizeDefinition(structuredClone(input))).toEqual({ definition: input, changed: [] });
  });

  it("keeps text without markup byte for byte, and stores markup as the sanitizer wrote it without calling that a removal", () => {
    const { definition, changed } = sanitizeDefinition({
      title: "Q&A: rate us 1 < 2 <3",
      description: "Tom & Jerry <b>now</b>",
      pages: [{ name: "p1", elements: [{ type: "html", name: "h", html: "<p>Tom & Jerry<br></p>" }] }],
    });
    expect(definition).toEqual({
      title: "Q&A: rate us 1 < 2 <3",
      description: "Tom &amp; Jerry <b>now</b>",
      pages: [{ name: "p1", elements: [{ type: "html", name: "h", html: "<p>Tom &amp; Jerry<br /></p>" }] }],
    });
    expect(changed).toEqual([]);
  });

  it("counts a comment as removed content, since a browser may end it where htmlparser2 does not", () => {
    const { definition, changed } = sanitizeDefinition({ title: "Hi<!--><img src=x onerror=steal()>-->", description: "<![CDATA[x]]>y" });
    expect(definition).toEqual({ title: "Hi--&gt;", description: "y" });
    expect(changed).toEqual(["/title", "/description"]);
  });

  it("drops navigation targets that are not http or https", () => {
    const { definition, changed } = sanitizeDefinition({
      navigateToUrl: "java\tscript:steal()",
      navigateToUrlOnCondition: [
        { expression: "{nps} > 8", url: "https://example.com/review" },
        { expression: "{nps} < 3", url: { default: "javascript:steal()", fr: "https://example.com/fr" } },
      ],
    });
    expect(definition).toEqual({
      navigateToUrlOnCondition: [
        { expression: "{nps} > 8", url: "https://example.com/review" },
        { expression: "{nps} < 3", url: { fr: "https://example.com/fr" } },
      ],
    });
    expect(changed).toEqual(["/navigateToUrl", "/navigateToUrlOnCondition/1/url/default"]);
  });

  it("cleans properties survey-core does not know, since nothing relies on them", () => {
    const { definition, changed } = sanitizeDefinition({ widgetHtml: "<script>steal()</script>x", pages: [{ name: "p", extra: { note: "<b onclick=s()>n</b>" } }] });
    expect(definition).toEqual({ widgetHtml: "x", pages: [{ name: "p", extra: { note: "<b>n</b>" } }] });
    expect(changed).toEqual(["/widgetHtml", "/pages/0/extra/note"]);
  });

  it("is a fixed point: a cleaned definition passes through unchanged", () => {
    const first = sanitizeDefinition({
      completedHtml: '<p>Bye <a href="https://e.example">x</a><img src=x onerror=s()></p>',
      pages: [{ name: "p", title: { default: "<b>x</b><script>s()</script>" }, elements: [{ type: "html", name: "h", html: "<ul><li>a<li>b</ul>" }] }],
    });
    expect(sanitizeDefinition(first.definition)).toEqual({ definition: first.definition, changed: [] });
  });
});
