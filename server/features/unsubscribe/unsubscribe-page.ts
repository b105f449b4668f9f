// The unsubscribe pages: plain server-rendered HTML that works without JavaScript, in the colours of the other pages.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

// Inline, because these pages load nothing else (the policy allows inline styles, never inline scripts).
const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#1c1b20;background:#f6f7f9}
body{margin:0;min-height:100vh}
main{box-sizing:border-box;max-width:34rem;margin:10vh auto 2rem;padding:1.5rem;background:#fff;border:1px solid #d9dbe1;border-radius:8px}
@media (max-width:36rem){main{margin:0;min-height:100vh;border:0;border-radius:0}}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
p,form{margin:0 0 1rem}
main>:last-child{margin-bottom:0}
.muted{color:#55545b;font-size:.9375rem}
.address{overflow-wrap:anywhere;font-weight:600}
button{font:inherit;font-weight:600;color:#fff;background:#1f5fbf;border:0;border-radius:8px;padding:.75rem 1.25rem;min-height:44px;cursor:pointer}
button:hover{background:#17478f}
:focus-visible{outline:3px solid #1f5fbf;outline-offset:2px}
`;

function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export type UnsubscribeTarget = { organisation: string; email: string };

/** Asks before doing anything: a GET only shows this, so link scanners change nothing. */
export function confirmPage({ organisation, email }: UnsubscribeTarget) {
  return page(
    `Unsubscribe from ${organisation}`,
    html`<h1>Stop survey emails from ${organisation}?</h1>
<p>We will stop sending surveys to <span class="address">${email}</span>, including any reminders already planned.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p class="muted">Changed your mind? Just close this page and nothing changes.</p>`,
  );
}

export function donePage({ organisation, email }: UnsubscribeTarget) {
  return page(
    "You are unsubscribed",
    html`<h1>You are unsubscribed</h1>
<p>You will get no more surveys from ${organisation} at <span class="address">${email}</span>.</p>
<p class="muted">If this was a mistake, or you want the surveys again, contact ${organisation} directly.</p>`,
  );
}

export function unknownLinkPage() {
  return page(
    "Link not recognised",
    html`<h1>We do not recognise this link</h1>
<p>It may have been cut short when it was copied. Open it again from the email, or copy the whole link into the address bar.</p>
<p class="muted">If survey emails keep coming, contact the organisation that sends them and ask to be taken off their list.</p>`,
  );
}

/** Anything else that stops the page (too many requests from one network, our own failure), in words. */
export function problemPage(title: string, detail: string) {
  return page(title, html`<h1>${title}</h1><p>${detail}</p>`);
}
