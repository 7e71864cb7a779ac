/** Rendering helpers shared by the routes: a full page for the signed-in person, error pages, flash messages, form fields. */
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { WebContext, WebDeps } from "./context.js";
import { findCouncilById } from "../db/councils.js";
import { page, type Html, type Section } from "./views/layout.js";
import { consoleTexts as c } from "../i18n/vi/console.js";
import { html } from "hono/html";
import { cutText } from "../text/graphemes.js";

const FLASH = "hdnd_flash";

/** A one-line message for the next page (after a redirect). The text is ours; it is escaped when shown. */
export function flash(ctx: WebContext, kind: "ok" | "error", text: string): void {
  setCookie(ctx, FLASH, encodeURIComponent(`${kind}:${text}`), { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 120 });
}

function takeFlash(ctx: WebContext): { kind: "ok" | "error"; text: string } | null {
  const raw = getCookie(ctx, FLASH);
  if (!raw) return null;
  deleteCookie(ctx, FLASH, { path: "/" });
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const kind = value.startsWith("ok:") ? "ok" : value.startsWith("error:") ? "error" : null;
  return kind ? { kind, text: cutText(value.slice(kind.length + 1), 600) } : null;
}

export async function render(
  ctx: WebContext,
  deps: WebDeps,
  p: {
    title: string;
    section: Section;
    body: Html;
    status?: ContentfulStatusCode;
    flash?: { kind: "ok" | "error"; text: string };
    printable?: boolean;
  },
) {
  const session = ctx.get("session");
  const council = session ? await findCouncilById(deps.db.prisma, session.actor.councilId) : null;
  ctx.header("Cache-Control", "no-store");
  return ctx.html(
    page({
      title: p.title,
      section: p.section,
      actor: session?.actor ?? null,
      councilName: council?.name ?? null,
      csrf: ctx.get("csrf"),
      flash: p.flash ?? takeFlash(ctx),
      body: p.body,
      timezone: deps.config.timezone,
      printable: p.printable ?? false,
    }),
    p.status ?? 200,
  );
}

export function errorPage(ctx: WebContext, deps: WebDeps, status: ContentfulStatusCode, text: string) {
  const signedIn = ctx.get("session") !== null && ctx.get("session") !== undefined;
  return render(ctx, deps, {
    title: c.errorTitle,
    section: "none",
    status,
    body: html`<div class="card signin"><h1>${c.errorTitle}</h1><p>${text}</p>${signedIn ? html`<p><a href="/">${c.backHome}</a></p>` : html`<p class="muted">${c.signInHowTo}</p>`}</div>`,
  });
}

/** A positive whole number from a query or form value, or undefined. */
export const idParam = (v: string | undefined | null): number | undefined => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** A request-unique label for the audit log and outbox keys ("web:<session>:<request>"). */
export const actorLabel = (ctx: WebContext): string => `web:${ctx.get("session")?.sessionId ?? "anon"}:${ctx.get("requestId")}`;
