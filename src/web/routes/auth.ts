/**
 * Signing in with a one-time link, and out. Opening the link shows a page with one button: the link is
 * used by that button's POST, never by the GET, so a link preview or a mail scanner that fetches the
 * address does not burn it. Attempts are limited per client address.
 */
import type { Hono } from "hono";
import { html } from "hono/html";
import type { WebContext, WebDeps, WebEnv } from "../context.js";
import { checkLoginLink, signIn, signOut } from "../../core/access/console-access.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { AttemptLimiter, clearSessionCookie, setSessionCookie } from "../security.js";
import { errorPage, render } from "../respond.js";

export function registerAuthRoutes(app: Hono<WebEnv>, deps: WebDeps, clientAddress: (ctx: WebContext) => string): void {
  // 30 tries per 10 minutes from one address: a person clicking twice is fine; guessing 256-bit links is not.
  const limiter = new AttemptLimiter(30, 10 * 60_000);
  const limited = (ctx: WebContext) => !limiter.take(clientAddress(ctx));

  app.get("/dang-nhap", async (ctx) => {
    if (limited(ctx)) return errorPage(ctx, deps, 429, c.tooManyAttempts);
    const token = ctx.req.query("t") ?? "";
    if (!token)
      return render(ctx, deps, {
        title: c.signInTitle,
        section: "none",
        body: html`<div class="card signin"><h1>${c.signInTitle}</h1><p>${c.signInHowTo}</p></div>`,
      });
    const check = await checkLoginLink(deps.db.prisma, token, deps.clock.now());
    if (!check.ok) return errorPage(ctx, deps, check.reason === "not_allowed" ? 403 : 410, c.linkProblem[check.reason]);
    return render(ctx, deps, {
      title: c.signInTitle,
      section: "none",
      body: html`<div class="card signin">
        <h1>${c.signInTitle}</h1>
        <p>${c.signInGreeting(check.memberName)}</p>
        <p>${c.signInExplain}</p>
        <form method="post" action="/dang-nhap"><input type="hidden" name="t" value="${token}"><button type="submit">${c.signInButton}</button></form>
      </div>`,
    });
  });

  app.post("/dang-nhap", async (ctx) => {
    if (limited(ctx)) return errorPage(ctx, deps, 429, c.tooManyAttempts);
    const body = await ctx.req.parseBody();
    const token = typeof body.t === "string" ? body.t : "";
    const result = await signIn(deps.db, {
      token,
      now: deps.clock.now(),
      sessionHours: deps.config.web.sessionHours,
      userAgent: ctx.req.header("user-agent") ?? null,
    });
    if (!result.ok) {
      deps.logger.info({ reason: result.reason }, "web: sign-in refused");
      return errorPage(ctx, deps, result.reason === "not_allowed" ? 403 : 410, c.linkProblem[result.reason]);
    }
    setSessionCookie(ctx, deps.config, result.sessionToken);
    deps.logger.info({ member: result.memberId }, "web: signed in");
    return ctx.redirect("/", 303);
  });

  app.post("/dang-xuat", async (ctx) => {
    const session = ctx.get("session");
    if (session) await signOut(deps.db, session, deps.clock.now());
    clearSessionCookie(ctx, deps.config);
    ctx.set("session", null);
    return render(ctx, deps, {
      title: c.signOut,
      section: "none",
      body: html`<div class="card signin"><h1>${c.signOut}</h1><p>${c.signedOut}</p></div>`,
    });
  });
}
