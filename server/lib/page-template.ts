// A built page's stylesheets written into it: the respondent page paints from its first response, with no
// request for CSS standing between the customer and the first question.

const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="(\/assets\/[^"]+\.css)">/g;

/** `html` with each of its /assets/ stylesheet links replaced by the stylesheet itself; one that cannot be read stays a link. */
export async function inlineStylesheets(html: string, read: (path: string) => Promise<string | undefined>): Promise<string> {
  const links = [...html.matchAll(STYLESHEET)];
  const sheets = await Promise.all(links.map((l) => read(l[1]!)));
  let out = html;
  links.forEach((link, i) => {
    const css = sheets[i];
    // A stylesheet never holds "</style" of its own; one that did would end the element early.
    if (css !== undefined && !/<\/style/i.test(css)) out = out.replace(link[0], () => `<style>${css}</style>`);
  });
  return out;
}
