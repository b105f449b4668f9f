// Survey HTML made safe at render time, on the respondent page and in the editor preview, with DOMPurify.
// The server stores definitions already clean; this covers what it cannot see: drafts saved before it
// sanitized, answers substituted into {placeholders}, and whatever a markdown handler produces.
import DOMPurify from "dompurify";
import type { SurveyModel } from "survey-core";
import { htmlPolicy, isAllowedUrl } from "../../server/domain/html-policy";

// An instance of our own, so these hooks never reach other users of DOMPurify.
const purify = DOMPurify(window);

const config = {
  ALLOWED_TAGS: [...htmlPolicy.tags],
  ALLOWED_ATTR: [...new Set(Object.values(htmlPolicy.attributes).flat())],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ADD_FORBID_CONTENTS: ["textarea", "option", "select", "object", "embed"],
};

purify.addHook("uponSanitizeAttribute", (node, data) => {
  if (!htmlPolicy.attributes[node.nodeName.toLowerCase()]?.includes(data.attrName)) data.keepAttr = false;
});

purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName === "A") {
    const href = node.getAttribute("href");
    if (href !== null && !isAllowedUrl(href, htmlPolicy.linkProtocols)) node.removeAttribute("href");
    node.setAttribute("rel", htmlPolicy.linkRel);
    node.setAttribute("target", htmlPolicy.linkTarget);
  } else if (node.nodeName === "IMG") {
    const src = node.getAttribute("src");
    if (src === null || !isAllowedUrl(src, htmlPolicy.imageProtocols)) node.remove();
  }
});

const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An HTML fragment reduced to the policy; a browser DOMPurify cannot work in gets plain text instead. */
export function sanitizeHtml(html: string): string {
  if (!purify.isSupported) return escapeText(html);
  return purify.sanitize(html, config);
}

/**
 * Routes every piece of HTML a survey renders through `sanitizeHtml`. Call before the model is rendered.
 *
 * survey-core's own hooks are not enough: `onProcessHtml` runs before `{placeholders}` are replaced by
 * answers, so a respondent's typed text would reach the page unsanitized, and `onTextMarkdown` handlers run
 * in the order they were added, so a later one could add HTML after ours. `processHtml` (html questions,
 * completion, loading and "completed before" pages) and `getSurveyMarkdownHtml` (titles, descriptions,
 * choices and every other text once markdown is on) are the two doors all of it passes through; the XSS
 * corpus test (test/e2e/xss-corpus.test.ts) notices if a survey-core upgrade opens another.
 */
export function protectSurvey(model: SurveyModel): void {
  const processHtml = model.processHtml.bind(model);
  model.processHtml = (html, reason) => sanitizeHtml(processHtml(html, reason));
  const markdownHtml = model.getSurveyMarkdownHtml.bind(model);
  model.getSurveyMarkdownHtml = (element, text, name, item) => {
    const html = markdownHtml(element, text, name, item);
    return typeof html === "string" ? sanitizeHtml(html) : html;
  };
  // survey-core refuses "javascript:" itself but not "java\tscript:", which browsers read the same way.
  model.onNavigateToUrl.add((_, options) => {
    if (options.url && !isAllowedUrl(options.url, ["https:", "http:"])) options.allow = false;
  });
}
