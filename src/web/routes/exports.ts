/** Xuất dữ liệu: the status grid and the reports as .xlsx (exceljs), the reports as CSV, their files as a .zip. */
import { Readable } from "node:stream";
import type { Hono } from "hono";
import { html } from "hono/html";
import type { WebContext, WebDeps, WebEnv } from "../context.js";
import { may } from "../../core/permissions.js";
import { scopeOf } from "../../core/access/scope.js";
import { statusGrid } from "../../core/tasks/status-grid.js";
import { statusGridXlsx, submissionsXlsx, XLSX_MIME } from "../../core/export/xlsx.js";
import { submissionRecords, submissionsCsv } from "../../core/export/submissions.js";
import { attachmentsZip } from "../../core/export/attachments-zip.js";
import { listTasksWithStatus } from "../../core/tasks/list-tasks.js";
import { addLocalDays, atLocal, localDateOf, parseUserDate } from "../../domain/time/vietnam-time.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { options } from "../views/layout.js";
import { errorPage, idParam, render } from "../respond.js";
import { contentDisposition } from "./reports.js";

export function registerExportRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;
  const allowed = (ctx: WebContext) => may(ctx.get("session")!.actor.role, "exportData");

  /** The period and task of the report exports, or a Vietnamese problem. */
  function period(ctx: WebContext): { ok: true; where: { taskId?: number; from?: Date; to?: Date } } | { ok: false; problem: string } {
    const day = (v: string | undefined, field: string) => {
      if (!v) return { ok: true as const, value: undefined };
      const r = parseUserDate(v);
      return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, problem: c.exportBadDate(field) };
    };
    const from = day(ctx.req.query("tu"), c.exportFrom);
    if (!from.ok) return from;
    const to = day(ctx.req.query("den"), c.exportTo);
    if (!to.ok) return to;
    const taskId = idParam(ctx.req.query("yeu_cau"));
    return {
      ok: true,
      where: {
        ...(taskId !== undefined ? { taskId } : {}),
        ...(from.value ? { from: atLocal(from.value, "00:00", tz) } : {}),
        ...(to.value ? { to: atLocal(addLocalDays(to.value, 1), "00:00", tz) } : {}),
      },
    };
  }

  const stamp = () => localDateOf(deps.clock.now(), tz);
  const download = (ctx: WebContext, type: string, name: string, body: Buffer | string) => {
    ctx.header("Content-Type", type);
    ctx.header("Content-Disposition", contentDisposition("attachment", name));
    ctx.header("Cache-Control", "private, no-store");
    return ctx.body(typeof body === "string" ? body : new Uint8Array(body));
  };

  app.get("/xuat-du-lieu", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const tasks = await listTasksWithStatus(deps.db.prisma, ctx.get("session")!.actor.councilId, deps.clock.now());
    const taskSelect = html`<div class="field"><label for="yeu_cau">${c.filterTask}</label><select id="yeu_cau" name="yeu_cau">${options(
      [{ value: "", label: c.filterAllTasks }, ...tasks.map((t) => ({ value: String(t.id), label: t.title }))],
      undefined,
    )}</select></div>`;
    const dates = html`<div class="field"><label for="tu">${c.exportFrom}</label><input type="date" id="tu" name="tu"></div>
      <div class="field"><label for="den">${c.exportTo}</label><input type="date" id="den" name="den"></div>`;
    const body = html`<h1>${c.exportTitle}</h1>
      <section class="card"><h2>${c.exportGrid}</h2><p class="muted">${c.exportGridExplain}</p>
        <p><a class="button" href="/xuat-du-lieu/tinh-hinh.xlsx" download>${c.exportXlsx}</a></p></section>
      <section class="card"><h2>${c.exportReports}</h2><p class="muted">${c.exportReportsExplain}</p>
        <form class="filters" method="get" action="/xuat-du-lieu/bao-cao.xlsx">${taskSelect}${dates}
          <button type="submit">${c.exportXlsx}</button>
          <button type="submit" class="secondary" formaction="/xuat-du-lieu/bao-cao.csv">${c.exportCsv}</button></form></section>
      <section class="card"><h2>${c.exportZip}</h2><p class="muted">${c.exportZipExplain}</p>
        <form class="filters" method="get" action="/xuat-du-lieu/tep-dinh-kem.zip">${taskSelect}${dates}
          <button type="submit">${c.exportZipButton}</button></form></section>`;
    return render(ctx, deps, { title: c.exportTitle, section: "export", body });
  });

  app.get("/xuat-du-lieu/tinh-hinh.xlsx", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const now = deps.clock.now();
    const grid = await statusGrid(deps.db.prisma, scopeOf(ctx.get("session")!.actor), now);
    return download(ctx, XLSX_MIME, `tinh-hinh-bao-cao-${stamp()}.xlsx`, await statusGridXlsx(grid, tz, now));
  });

  app.get("/xuat-du-lieu/bao-cao.xlsx", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const p = period(ctx);
    if (!p.ok) return errorPage(ctx, deps, 400, p.problem);
    const records = await submissionRecords(deps.db.prisma, ctx.get("session")!.actor.councilId, p.where);
    return download(ctx, XLSX_MIME, `bao-cao-${stamp()}.xlsx`, await submissionsXlsx(records, tz, deps.clock.now()));
  });

  app.get("/xuat-du-lieu/bao-cao.csv", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const p = period(ctx);
    if (!p.ok) return errorPage(ctx, deps, 400, p.problem);
    const { csv } = await submissionsCsv(deps.db.prisma, ctx.get("session")!.actor.councilId, p.where, tz);
    return download(ctx, "text/csv; charset=utf-8", `bao-cao-${stamp()}.csv`, csv);
  });

  app.get("/xuat-du-lieu/tep-dinh-kem.zip", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const p = period(ctx);
    if (!p.ok) return errorPage(ctx, deps, 400, p.problem);
    const { zip } = await attachmentsZip(deps.db.prisma, scopeOf(ctx.get("session")!.actor), p.where, deps.config.dataDir, tz);
    ctx.header("Content-Type", "application/zip");
    ctx.header("Content-Disposition", contentDisposition("attachment", `tep-dinh-kem-${stamp()}.zip`));
    ctx.header("Cache-Control", "private, no-store");
    return ctx.body(Readable.toWeb(zip) as ReadableStream);
  });
}
