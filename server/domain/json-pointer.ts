// RFC 6901 JSON Pointers, the one way field paths are written in problems and read back by the web app.
const escapeToken = (token: PropertyKey) => String(token).replaceAll("~", "~0").replaceAll("/", "~1");
/** "a~1b" → "a/b": one token as written in a pointer, read back. */
export const unescapeToken = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");

/** ["pages", 0, "a/b"] → "/pages/0/a~1b" */
export const jsonPointer = (path: readonly PropertyKey[]) => path.map((p) => `/${escapeToken(p)}`).join("");

/** Appends one token to an existing pointer. */
export const childPointer = (pointer: string, token: PropertyKey) => `${pointer}/${escapeToken(token)}`;

/** "/pages/0/a~1b" → ["pages", "0", "a/b"]; the root pointer "" gives []. */
export const pointerTokens = (pointer: string) => (pointer === "" ? [] : pointer.replace(/^\//, "").split("/").map(unescapeToken));
