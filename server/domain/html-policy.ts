// What survey content may contain: the server stores it reduced to this (survey-sanitize), and the browser
// holds rendered HTML to it again (web/shared/survey-sanitize).
export const htmlPolicy = {
  tags: [
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol",
    "p", "pre", "s", "small", "span", "strong", "sub", "sup", "u", "ul",
  ],
  attributes: { a: ["href", "title"], img: ["src", "alt", "title", "width", "height"] } as Record<string, string[]>,
  // Checked on the URL as a browser parses it, so `java\tscript:` or `jav&#x61;script:` is seen as javascript:.
  linkProtocols: ["https:", "http:", "mailto:"],
  imageProtocols: ["https:"],
  linkRel: "noopener noreferrer",
  linkTarget: "_blank",
} as const;

export function isAllowedUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    // Relative URLs are refused too: survey content has no business linking inside the app it is shown in.
    return false;
  }
}
