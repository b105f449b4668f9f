// Survey content made safe before it is stored: every HTML-bearing string of a SurveyJS definition through one allowlist.
// Heavy (survey-core, sanitize-html); callers import this module lazily, like survey-definition.
import sanitizeHtml from "sanitize-html";
import { Serializer, type JsonObjectProperty } from "survey-core";
import { htmlPolicy, isAllowedUrl } from "./html-policy";
import { childPointer } from "./json-pointer";
import { isJsonObject, type JsonObject } from "./survey-elements";

export { htmlPolicy };

type Attribs = Record<string, string>;

function safeLink(attribs: Attribs): Attribs {
  const out: Attribs = { ...attribs };
  if (out.href !== undefined && !isAllowedUrl(out.href, htmlPolicy.linkProtocols)) delete out.href;
  return { ...out, rel: htmlPolicy.linkRel, target: htmlPolicy.linkTarget };
}

function safeImage(attribs: Attribs): Attribs {
  const out: Attribs = { ...attribs };
  if (out.src !== undefined && !isAllowedUrl(out.src, htmlPolicy.imageProtocols)) delete out.src;
  return out;
}

// Everything inside these goes with them: their content is script, style, or markup a browser would parse in
// another mode (raw text, foreign content) than htmlparser2 does, the root of mutation XSS.
const dropWithContent = [
  "script", "style", "textarea", "option", "select", "noscript", "noembed", "noframes", "iframe", "object", "embed",
  "template", "title", "xmp", "plaintext", "svg", "math", "head",
];

const strict: sanitizeHtml.IOptions = {
  allowedTags: [...htmlPolicy.tags],
  allowedAttributes: { ...htmlPolicy.attributes, a: [...htmlPolicy.attributes.a!, "rel", "target"] },
  allowedSchemes: htmlPolicy.linkProtocols.map((p) => p.slice(0, -1)),
  allowedSchemesByTag: { img: htmlPolicy.imageProtocols.map((p) => p.slice(0, -1)) },
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: "discard",
  nonTextTags: dropWithContent,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: safeLink(attribs) }),
    img: (tagName, attribs) => ({ tagName, attribs: safeImage(attribs) }),
  },
  // An image without a usable source is only a broken-image icon.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

// The same serialiser with nothing removed: comparing with it tells a removal from mere reformatting
// (`<br>` written back as `<br />`, `&` as `&amp;`), so managers are told only when content was lost.
const permissive: sanitizeHtml.IOptions = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedSchemesAppliedToAttributes: [],
  parseStyleAttributes: false,
  nonTextTags: [],
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: htmlPolicy.linkRel, target: htmlPolicy.linkTarget } }) },
};

/** An HTML fragment reduced to the policy. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, strict);
}

// Only `<` followed by a letter, `/`, `!` or `?` opens markup in HTML; "a < b" or "<3" stay text.
const opensMarkup = /<[a-zA-Z/!?]/;

/**
 * The definition with unsafe HTML removed, and the JSON Pointers of the strings that lost something.
 *
 * Which strings are looked at comes from survey-core's own property metadata, so new question types and
 * properties are covered without a list to keep up to date:
 * - localizable properties (titles, descriptions, choice and rating texts, completedHtml, error texts,
 *   placeholders; plain strings or `{ default, fr, … }` objects) and those typed `html` or `text`: survey-core
 *   renders them as HTML (`html` questions, completion pages) or turns them into HTML when markdown is on;
 * - matrix `cells` texts, which are localizable too though not declared so;
 * - properties survey-core does not know: it ignores them, so cleaning them costs nothing.
 * Left exactly as written: expressions and conditions (`{age} < 18`), names, values and default answers
 * (data: changing them would change answers), regular expressions and other plain settings; survey-core
 * shows none of them as HTML. Answer values reach HTML only through `{placeholders}`, which the browser
 * sanitizes after substitution (web/shared/survey-sanitize.ts).
 * `navigateToUrl` and `navigateToUrlOnCondition[].url` send the respondent away: only http(s) URLs stay.
 *
 * Strings without markup (no `<` opening a tag) are kept byte for byte, so a "Q&A" title stays "Q&A"; strings
 * with markup are stored in the sanitizer's serialisation (`&` as `&amp;`, `<br>` as `<br />`). `changed`
 * lists only strings that lost something, not those merely re-serialised.
 */
export function sanitizeDefinition(definition: JsonObject): { definition: JsonObject; changed: string[] } {
  const changed: string[] = [];

  // Markup is always stored as the sanitizer wrote it, never as typed: the original could be read differently
  // by a browser than by htmlparser2 (the whole game of mutation XSS). Comments, CDATA and processing
  // instructions vanish in both passes, so they count as removals on their own.
  const cleanString = (value: string, path: string): string => {
    if (!opensMarkup.test(value)) return value;
    const safe = sanitizeFragment(value);
    if (safe !== sanitizeHtml(value, permissive) || /<[!?]/.test(value)) changed.push(path);
    return safe;
  };

  // Localized variants ({ default, fr }) and string lists (dataList) are cleaned entry by entry.
  const cleanDeep = (value: unknown, path: string): unknown => {
    if (typeof value === "string") return cleanString(value, path);
    if (Array.isArray(value)) return value.map((v, i) => cleanDeep(v, childPointer(path, i)));
    if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v, childPointer(path, k))]));
    return value;
  };

  const cleanUrl = (value: unknown, path: string): unknown => {
    if (typeof value === "string") {
      if (value === "" || isAllowedUrl(value, ["https:", "http:"])) return value;
      changed.push(path);
      return undefined;
    }
    if (isJsonObject(value)) {
      const entries = Object.entries(value).map(([k, v]) => [k, cleanUrl(v, childPointer(path, k))] as const);
      return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
    }
    return value;
  };

  const classOf = (value: JsonObject, prop: JsonObjectProperty | null): string | undefined => {
    let name = typeof value.type === "string" ? value.type : (prop?.className ?? undefined);
    if (!name) return undefined;
    const part = prop?.classNamePart;
    if (part && !name.endsWith(part) && Serializer.findClass(name + part)) name += part;
    return Serializer.findClass(name) ? name : undefined;
  };

  // Matrix columns take the properties of their cell type (a column's `choices` belong to "dropdown").
  const findProperty = (className: string | undefined, key: string, obj: JsonObject): JsonObjectProperty | null => {
    if (!className) return null;
    const prop = Serializer.findProperty(className, key);
    if (prop || !Serializer.isDescendantOf(className, "matrixdropdowncolumn")) return prop ?? null;
    const cellType = typeof obj.cellType === "string" && obj.cellType !== "default" ? obj.cellType : "dropdown";
    return Serializer.findProperty(cellType, key) ?? null;
  };

  const visitValue = (value: unknown, path: string, prop: JsonObjectProperty | null): unknown => {
    if (!prop) return cleanDeep(value, path);
    if (prop.isLocalizable || prop.type === "html" || prop.type === "text" || prop.type === "cells") return cleanDeep(value, path);
    // Nested survey objects (pages, elements, choices, validators, triggers, columns…) are walked with their class;
    // anything else a known property holds (values, expressions, bindings) is data and stays as it is.
    const nested = prop.className || prop.baseClassName;
    if (!nested) return value;
    if (Array.isArray(value)) return value.map((item, i) => (isJsonObject(item) ? visitObject(item, childPointer(path, i), classOf(item, prop)) : item));
    if (isJsonObject(value)) return visitObject(value, path, classOf(value, prop));
    return value;
  };

  const visitObject = (obj: JsonObject, path: string, className: string | undefined): JsonObject => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(obj)) {
      const at = childPointer(path, key);
      const prop = findProperty(className, key, obj);
      const isUrl = (className === "survey" && prop?.name === "navigateToUrl") || (className === "urlconditionitem" && prop?.name === "url");
      const next = isUrl ? cleanUrl(value, at) : visitValue(value, at, prop);
      if (next !== undefined) out[key] = next;
    }
    return out;
  };

  return { definition: visitObject(definition, "", "survey"), changed };
}
