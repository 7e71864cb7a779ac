/**
 * Báo cáo: every submission (unit, task, version, time, on time or late, text, files), one page per unit
 * with its whole history, one page per task with each unit's status; and the file downloads.
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Hono } from "hono";
import { html } from "hono/html";
import type { WebDeps, WebEnv } from "../context.js";
import { scopeOf, seesUnit } from "../../core/access/scope.js";
import { listReports, type ReportFilter, type ReportRow } from "../../core/reports/list-reports.js";
import { attachmentFor, downloadName } from "../../core/attachments/access.js";
import { statusGrid } from "../../core/tasks/status-grid.js";
import { listTasksWithStatus } from "../../core/tasks/list-tasks.js";
import { findUnitById, listUnits } from "../../db/units.js";
import { attachmentIdsOf } from "../../db/attachments.js";
import { findTaskInCouncil } from "../../db/task-queries.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { fmt, options, pager, type Html } from "../views/layout.js";
import { errorPage, idParam, render } from "../respond.js";

/** Files a browser may show inline; everything else is a download (an uploaded .html never runs on our origin). */
const INLINE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"]);
const TYPE_BY_EXT: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  txt: "text/plain; charset=utf-8",
  zip: "application/zip",
};

/** Content-Disposition with the original (Vietnamese) name: an ASCII fallback and the RFC 5987 UTF-8 form. */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function reportCard(r: ReportRow, tz: string, opts: { showUnit: boolean }): Html {
  const timing = r.task
    ? r.late
      ? html`<span class="badge late">${c.late}</span>`
      : html`<span class="badge on_time">${c.onTime}</span>`
    : html`<span class="badge neutral">${c.noDeadline}</span>`;
  return html`<article class="report" id="bc-${r.id}">
    <header>
      <b>${r.receiptNo}</b>
      ${opts.showUnit ? html`<a href="/bao-cao/don-vi/${r.unit.id}">${r.unit.name}</a>` : ""}
      ${r.task ? html`<a href="/bao-cao/yeu-cau/${r.task.id}">${r.task.title}</a>` : html`<span>${c.otherReport}</span>`}
      ${timing}
      <span class="small muted">${c.version(r.version)} · ${c.sentBy(r.member.fullName, fmt.dateTime(r.submittedAt, tz))}</span>
    </header>
    ${r.body ? html`<div class="body">${r.body}</div>` : ""}
    ${
      r.attachments.length > 0
        ? html`<div class="small"><b>${c.files}:</b><ul class="files">${r.attachments.map((a, i) => fileLine(a, r.receiptNo, i + 1))}</ul></div>`
        : ""
    }
  </article>`;
}

export function fileLine(
  a: { id: number; fileName: string | null; kind: string; storedPath: string | null; storeStatus: string; size: number | null },
  receiptNo: string,
  index: number,
): Html {
  const name = downloadName(a, receiptNo, index);
  const size = a.size
    ? ` (${a.size < 1024 * 1024 ? `${Math.max(1, Math.round(a.size / 1024))} KB` : `${(a.size / 1024 / 1024).toFixed(1)} MB`})`
    : "";
  return a.storeStatus === "stored"
    ? html`<li><a href="/tep/${a.id}" download>${name}</a>${size}</li>`
    : html`<li>${name}${size} – <span class="muted">${c.fileState[a.storeStatus] ?? a.storeStatus}</span></li>`;
}

function parseFilter(q: (k: string) => string | undefined): ReportFilter & { raw: Record<string, string | undefined> } {
  const unitId = idParam(q("don_vi"));
  const task = q("yeu_cau");
  const timing = q("han");
  return {
    ...(unitId !== undefined ? { unitId } : {}),
    ...(task === "khac" ? { taskId: "none" as const } : idParam(task) !== undefined ? { taskId: idParam(task)! } : {}),
    ...(timing === "tre" ? { late: true } : timing === "dung" ? { late: false } : {}),
    raw: { don_vi: q("don_vi"), yeu_cau: task, han: timing },
  };
}

export function registerReportRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;

  app.get("/bao-cao", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const { raw: rawFilter, ...filter } = parseFilter((k) => ctx.req.query(k));
    const pageNo = idParam(ctx.req.query("trang")) ?? 1;
    const [list, units, tasks] = await Promise.all([
      listReports(deps.db.prisma, scope, filter, pageNo),
      listUnits(deps.db.prisma, scope.councilId, { activeOnly: false }),
      listTasksWithStatus(deps.db.prisma, scope.councilId, deps.clock.now()),
    ]);
    const visibleUnits = units.filter((u) => u.kind !== "committee" && seesUnit(scope, u.id));
    const body = html`<h1>${c.reportsTitle}</h1>
      <form class="filters" method="get" action="/bao-cao" role="search">
        ${
          scope.unitId === null
            ? html`<div class="field"><label for="don_vi">${c.filterUnit}</label><select id="don_vi" name="don_vi">${options(
                [{ value: "", label: c.filterAllUnits }, ...visibleUnits.map((u) => ({ value: String(u.id), label: u.name }))],
                rawFilter.don_vi,
              )}</select></div>`
            : ""
        }
        <div class="field"><label for="yeu_cau">${c.filterTask}</label><select id="yeu_cau" name="yeu_cau">${options(
          [
            { value: "", label: c.filterAllTasks },
            ...tasks
              .filter((t) => scope.unitId === null || t.units.some((u) => u.unitId === scope.unitId))
              .map((t) => ({ value: String(t.id), label: t.title })),
            { value: "khac", label: c.filterOtherReports },
          ],
          rawFilter.yeu_cau,
        )}</select></div>
        <div class="field"><label for="han">${c.filterTiming}</label><select id="han" name="han">${options(
          [
            { value: "", label: c.filterAnyTiming },
            { value: "tre", label: c.filterOnlyLate },
            { value: "dung", label: c.filterOnlyOnTime },
          ],
          rawFilter.han,
        )}</select></div>
        <button type="submit">${c.filterApply}</button>
      </form>
      <p class="muted">${c.reportCount(list.total)}</p>
      ${list.rows.length === 0 ? html`<p class="card">${c.noReports}</p>` : list.rows.map((r) => reportCard(r, tz, { showUnit: scope.unitId === null }))}
      ${pager("/bao-cao", rawFilter, list.page, list.pages)}`;
    return render(ctx, deps, { title: c.reportsTitle, section: "reports", body });
  });

  app.get("/bao-cao/don-vi/:id", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const unitId = idParam(ctx.req.param("id"));
    const unit = unitId !== undefined ? await findUnitById(deps.db.prisma, unitId) : null;
    if (!unit || unit.councilId !== scope.councilId || !seesUnit(scope, unit.id)) return errorPage(ctx, deps, 404, c.notFound);
    const pageNo = idParam(ctx.req.query("trang")) ?? 1;
    const [list, grid] = await Promise.all([
      listReports(deps.db.prisma, scope, { unitId: unit.id }, pageNo),
      statusGrid(deps.db.prisma, { councilId: scope.councilId, unitId: unit.id }, deps.clock.now()),
    ]);
    const row = grid.units[0];
    const body = html`<h1>${c.reportsOfUnit(unit.name)}</h1>
      ${
        row && grid.tasks.length > 0
          ? html`<section class="card"><h2>${c.unitTasksTitle}</h2><ul class="plain">${grid.tasks.map((t, i) => {
              const cell = row.cells[i];
              return cell
                ? html`<li><span class="badge ${cell.status}">${c.statusWord[cell.status]}</span> <a href="/bao-cao/yeu-cau/${t.id}">${t.title}</a> <span class="small muted">– ${c.dueShort} ${fmt.dateTime(t.dueAt, tz)}${cell.receiptNo ? ` · ${cell.receiptNo}` : ""}</span></li>`
                : "";
            })}</ul></section>`
          : ""
      }
      <p class="muted">${c.reportCount(list.total)}</p>
      ${list.rows.length === 0 ? html`<p class="card">${c.noReports}</p>` : list.rows.map((r) => reportCard(r, tz, { showUnit: false }))}
      ${pager(`/bao-cao/don-vi/${unit.id}`, {}, list.page, list.pages)}`;
    return render(ctx, deps, { title: unit.name, section: "reports", body });
  });

  app.get("/bao-cao/yeu-cau/:id", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const taskId = idParam(ctx.req.param("id"));
    const task = taskId !== undefined ? await findTaskInCouncil(deps.db.prisma, scope.councilId, taskId) : null;
    if (!task || task.status === "deleted" || (scope.unitId !== null && !task.assignments.some((a) => a.unitId === scope.unitId)))
      return errorPage(ctx, deps, 404, c.notFound);
    const pageNo = idParam(ctx.req.query("trang")) ?? 1;
    const [list, grid] = await Promise.all([
      listReports(deps.db.prisma, scope, { taskId: task.id }, pageNo),
      statusGrid(deps.db.prisma, scope, deps.clock.now(), { taskIds: [task.id], includeClosed: true }),
    ]);
    const view = grid.tasks[0];
    const body = html`<h1>${c.reportsOfTask(task.title)}</h1>
      <div class="card"><dl class="facts">
        <dt>${c.colDue}</dt><dd>${fmt.dateTime(task.dueAt, tz)}</dd>
        <dt>${c.filterStatus}</dt><dd>${task.status === "open" ? c.taskOpen : c.taskClosed}</dd>
        ${task.notice ? html`<dt>${c.nav.notices}</dt><dd><a href="/thong-bao/${task.notice.id}">${task.notice.title}</a></dd>` : ""}
        ${task.description ? html`<dt>${c.noticeBody}</dt><dd>${task.description}</dd>` : ""}
      </dl>
      ${view ? html`<p>${(["missing", "late", "on_time", "not_due"] as const).map((s) => html`<span class="badge ${s}">${view.counts[s]} ${c.statusWord[s].toLowerCase()}</span> `)}</p>` : ""}
      </div>
      <h2>${c.taskUnitsTitle}</h2>
      <div class="table-wrap"><table><thead><tr><th>${c.colUnit}</th><th>${c.filterStatus}</th><th>${c.receipt}</th><th class="hide-phone">${c.colDue}</th></tr></thead><tbody>
      ${grid.units.map((u) => {
        const cell = u.cells[0];
        if (!cell) return "";
        return html`<tr><td><a href="/bao-cao/don-vi/${u.id}">${u.name}</a></td><td><span class="badge ${cell.status}">${c.statusWord[cell.status]}</span></td>
          <td>${cell.receiptNo ?? c.none}${cell.versions > 1 ? html` <span class="small muted">(${c.version(cell.versions)})</span>` : ""}</td>
          <td class="hide-phone small">${cell.submittedAt ? fmt.short(cell.submittedAt, tz) : c.none}</td></tr>`;
      })}
      </tbody></table></div>
      <h2>${c.reportsTitle}</h2>
      ${list.rows.length === 0 ? html`<p class="card">${c.noReports}</p>` : list.rows.map((r) => reportCard(r, tz, { showUnit: scope.unitId === null }))}
      ${pager(`/bao-cao/yeu-cau/${task.id}`, {}, list.page, list.pages)}`;
    return render(ctx, deps, { title: task.title, section: "reports", body });
  });

  app.get("/tep/:id", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const found = await attachmentFor(deps.db.prisma, scope, idParam(ctx.req.param("id")) ?? -1);
    if (!found.ok) return errorPage(ctx, deps, 404, c.notFound);
    const a = found.attachment;
    if (a.storeStatus === "pending") return errorPage(ctx, deps, 409, c.fileNotReady);
    const file = a.storedPath ? path.join(deps.config.dataDir, a.storedPath) : null;
    if (a.storeStatus !== "stored" || !file || !existsSync(file))
      return errorPage(ctx, deps, 410, c.fileUnavailable(c.fileState[a.storeStatus] ?? a.storeStatus));
    const owner = a.submission ?? a.issue!;
    const siblings = await attachmentIdsOf(deps.db.prisma, a);
    const name = downloadName(a, owner.receiptNo, siblings.findIndex((s) => s.id === a.id) + 1);
    const ext = a.storedPath!.split(".").pop()!.toLowerCase();
    const type = TYPE_BY_EXT[ext] ?? "application/octet-stream";
    ctx.header("Content-Type", type);
    ctx.header(
      "Content-Disposition",
      contentDisposition(INLINE_TYPES.has(type) && ctx.req.query("xem") === "1" ? "inline" : "attachment", name),
    );
    ctx.header("Cache-Control", "private, no-store");
    // A stored file is served as data, never as a page of this site.
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    return ctx.body(Readable.toWeb(createReadStream(file)) as ReadableStream);
  });
}
