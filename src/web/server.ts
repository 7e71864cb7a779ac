/**
 * The office web console: a Hono application on Node's http server, inside the service process, started
 * and stopped by the composition root like the outbox senders. Pages are rendered on the server; the
 * only script is a small convenience file served from here. Every read and every change goes through the
 * core use cases (the same ones the chat and the CLI use); the routes only parse forms and render.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { WebDeps, WebEnv } from "./context.js";
import { ASSETS } from "./assets.js";
import { csrfMatches, csrfTokenFor, readSessionCookie } from "./security.js";
import { sessionActor } from "../core/access/console-access.js";
import { errorPage } from "./respond.js";
import { consoleTexts as c } from "../i18n/vi/console.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerOverviewRoutes } from "./routes/overview.js";
import { registerReportRoutes } from "./routes/reports.js";
import { registerNoticeRoutes } from "./routes/notices.js";
import { registerIssueRoutes } from "./routes/issues.js";
import { registerDirectoryRoutes } from "./routes/directory.js";
import { registerExportRoutes } from "./routes/exports.js";
import { registerTaskRoutes } from "./routes/tasks.js";

/** Uploads (a notice's PDF, a CSV) are at most 50 MB; a little more for the form around them. */
const MAX_BODY_BYTES = 52 * 1024 * 1024;
/** Paths anyone may open without a session. */
const PUBLIC = /^\/(dang-nhap|assets\/|favicon\.ico$|suc-khoe$)/;

export interface WebConsole {
  readonly app: Hono<WebEnv>;
  /** starts listening; resolves with the address it listens on (port 0 picks a free port) */
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

/**
 * Pages served beside the console without its sign-in (the sandbox at /sandbox): registered after the
 * security headers, the body limit and the same-origin check, before the session guard.
 */
export type ExtraRoutes = (app: Hono<WebEnv>) => void;

export function createWebApp(deps: WebDeps, extraRoutes?: ExtraRoutes): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const log = deps.logger;
  const publicOrigin = new URL(deps.config.web.publicUrl).origin;

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
      strictTransportSecurity: deps.config.web.secureCookies ? "max-age=31536000" : false,
    }),
  );

  // Who is asking: the session behind the cookie (or none), a CSRF token for forms, a request id.
  app.use("*", async (ctx, next) => {
    const started = Date.now();
    ctx.set("requestId", randomBytes(6).toString("hex"));
    const token = readSessionCookie(ctx, deps.config);
    const session = token ? await sessionActor(deps.db.prisma, token, deps.clock.now()) : null;
    ctx.set("session", session);
    ctx.set("csrf", token && session ? csrfTokenFor(token) : "");
    await next();
    // The path only: a sign-in link's token is in the query string and never reaches the log.
    log.debug({ method: ctx.req.method, path: ctx.req.path, status: ctx.res.status, ms: Date.now() - started }, "web request");
  });

  app.use("*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (ctx) => errorPage(ctx, deps, 413, c.tooLarge) }));
  // Same-origin check for every state-changing request (Origin and Sec-Fetch-Site).
  app.use(
    "*",
    csrf({
      origin: (origin, ctx) => origin === publicOrigin || origin === new URL(ctx.req.url).origin,
      secFetchSite: (site) => site === "same-origin",
    }),
  );

  extraRoutes?.(app);

  app.use("*", async (ctx, next) => {
    const method = ctx.req.method;
    const path = ctx.req.path;
    if (PUBLIC.test(path)) return next();
    if (!ctx.get("session")) return errorPage(ctx, deps, 401, c.sessionNeeded);
    if (method !== "GET" && method !== "HEAD") {
      // The synchronizer token: a form from another site cannot know it.
      const body = await ctx.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      if (!csrfMatches(ctx.get("csrf"), (body as Record<string, unknown>)._csrf)) {
        log.info({ path }, "web: form refused (missing or wrong CSRF token)");
        return errorPage(ctx, deps, 403, c.csrfRefused);
      }
    }
    return next();
  });

  app.get("/assets/:name", (ctx) => {
    const asset = ASSETS[ctx.req.param("name")];
    if (!asset) return ctx.notFound();
    ctx.header("Content-Type", asset.type);
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    return ctx.body(asset.body);
  });
  app.get("/favicon.ico", (ctx) => ctx.redirect("/assets/favicon.svg", 301));
  app.get("/suc-khoe", (ctx) => ctx.text("ok"));

  registerAuthRoutes(app, deps, (ctx) => {
    try {
      return getConnInfo(ctx).remote.address ?? "unknown";
    } catch {
      return "unknown";
    }
  });
  registerOverviewRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerTaskRoutes(app, deps);
  registerNoticeRoutes(app, deps);
  registerIssueRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerExportRoutes(app, deps);

  app.notFound((ctx) => errorPage(ctx, deps, 404, c.notFound));
  app.onError((err, ctx) => {
    if (err instanceof HTTPException && err.status === 403) return errorPage(ctx, deps, 403, c.csrfRefused);
    if (err instanceof HTTPException && err.status === 413) return errorPage(ctx, deps, 413, c.tooLarge);
    log.error({ err, path: ctx.req.path }, "web request failed");
    return errorPage(ctx, deps, 500, c.serverError);
  });
  return app;
}

export function createWebConsole(deps: WebDeps, extraRoutes?: ExtraRoutes): WebConsole {
  const app = createWebApp(deps, extraRoutes);
  let server: ServerType | undefined;
  return {
    app,
    start() {
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: deps.config.web.port, hostname: deps.config.web.host }, (info: AddressInfo) => {
          const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
          const shown =
            deps.config.web.port === 0 ? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${info.port}` : deps.config.web.publicUrl;
          resolve({ url: shown, port: info.port });
        });
        server = s;
        s.once("error", reject);
      });
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        (s as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
