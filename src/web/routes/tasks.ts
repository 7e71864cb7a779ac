/**
 * Nhiệm vụ: the reporting regime from a browser. The office creates one-off and periodic tasks, extends a
 * deadline for all units or chosen ones with a reason, renames, closes and reopens a task, ends a periodic
 * series; the office and the standing committee download the official Word digest. Every change goes
 * through the same core use cases as /hanmoi, /nhiemvu and `council task ...`, so the units are told the
 * same way and the audit log names the console session.
 */
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import type { WebContext, WebDeps, WebEnv } from "../context.js";
import type { Actor } from "../../core/actor.js";
import { may } from "../../core/permissions.js";
import { allUnitsOf, createTaskAs, type TaskError, type UnitSelection } from "../../core/tasks/create-task.js";
import { createSeries, endSeries, ruleOf, type SeriesError } from "../../core/tasks/series.js";
import { extendTask } from "../../core/tasks/extend.js";
import { changeTaskStatus, renameReportTask } from "../../core/tasks/change-status.js";
import { listTasksWithStatus } from "../../core/tasks/list-tasks.js";
import { onDemandDigest } from "../../core/tasks/digest.js";
import { DOCX_MIME, digestDocxBytes } from "../../core/tasks/digest-file.js";
import { findCouncilById } from "../../db/councils.js";
import { quietPolicyOf } from "../../core/tasks/settings.js";
import { seriesOfCouncil } from "../../db/series.js";
import { taskForChange } from "../../db/tasks.js";
import { listUnits, type UnitRow } from "../../db/units.js";
import { localDateOf } from "../../domain/time/vietnam-time.js";
import { formatLocalDateShort } from "../../domain/time/vietnamese-format.js";
import { consoleTasks as t } from "../../i18n/vi/console-tasks.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { everyLabel, periodic, ruleText, type SeriesOnlyError } from "../../i18n/vi/periodic.js";
import { taskAdmin } from "../../i18n/vi/task-admin.js";
import { tasks as taskTexts } from "../../i18n/vi/tasks.js";
import { htmlToPlainText, type SafeHtml } from "../../text/html.js";
import { csrfField, fmt, type Html } from "../views/layout.js";
import { actorLabel, errorPage, flash, idParam, render } from "../respond.js";
import { contentDisposition } from "./reports.js";

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

const SERIES_ONLY = new Set(["every", "day", "month", "until-date", "start-date", "until-before-start", "no-period"]);
/** A series error in the words of /hanmoi: the series' own ones, else the task's. */
const seriesErrorText = (e: SeriesError): SafeHtml =>
  SERIES_ONLY.has(e.code) ? periodic.error(e as SeriesOnlyError) : taskTexts.error(e as TaskError);

const KINDS = ["once", "month", "quarter", "half_year", "year"] as const;

/** The units picked in a form: "all", or the ticked ones (ids checked by the use case against the council). */
function unitsFrom(body: Record<string, unknown>): UnitSelection {
  if (str(body.tat_ca) === "1") return "all";
  return {
    ids: list(body.don_vi)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  };
}

function unitPicker(units: UnitRow[], prefix: string, legend: string): Html {
  return html`<fieldset class="field"><legend>${legend}</legend>
    <label class="check"><input type="checkbox" name="tat_ca" value="1" data-all-units checked> ${c.allUnits(units.length)}</label>
    <details><summary>${t.chooseUnits}</summary><div class="unit-list">${units.map(
      (u) =>
        html`<label class="check"><input type="checkbox" name="don_vi" value="${u.id}" data-unit id="${prefix}-${u.id}"> ${u.name}</label>`,
    )}</div></details>
  </fieldset>`;
}

const mayManage = (a: Actor) => may(a.role, "createTasks");

export function registerTaskRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;
  const author = (ctx: WebContext, a: Actor) => ({ memberId: a.memberId, label: actorLabel(ctx) });

  app.get("/nhiem-vu", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!may(actor.role, "seeAllUnits")) return errorPage(ctx, deps, 403, c.notAllowed);
    const now = deps.clock.now();
    const [tasks, series, units] = await Promise.all([
      listTasksWithStatus(deps.db.prisma, actor.councilId, now),
      seriesOfCouncil(deps.db.prisma, actor.councilId),
      listUnits(deps.db.prisma, actor.councilId, { activeOnly: true }),
    ]);
    const assignable = allUnitsOf(units);
    const manage = mayManage(actor);
    const sorted = [...tasks].sort((a, b) =>
      a.status === b.status ? b.dueAt.getTime() - a.dueAt.getTime() : a.status === "open" ? -1 : 1,
    );
    const body = html`<h1>${t.title}</h1>
      <section class="card"><h2>${t.digestTitle}</h2><p class="small">${t.digestExplain}</p>
        <p><a class="button" href="/nhiem-vu/tong-hop.docx" download>${t.digestDownload}</a></p></section>
      ${
        manage
          ? html`<section class="card" id="giao-moi"><h2>${t.createTitle}</h2><p class="small">${t.createExplain}</p>
        <form method="post" action="/nhiem-vu">${csrfField(ctx.get("csrf"))}
          <div class="field"><label for="tieu_de">${t.fieldTitle}</label><input type="text" class="wide" id="tieu_de" name="tieu_de" required maxlength="300"></div>
          <div class="field"><label for="noi_dung">${t.fieldDescription}</label><textarea class="short" id="noi_dung" name="noi_dung" rows="3" maxlength="4000"></textarea></div>
          <div class="field"><label for="ky">${t.fieldKind}</label><select id="ky" name="ky">
            <option value="once">${t.kindOnce}</option>
            ${(["month", "quarter", "half_year", "year"] as const).map((k) => html`<option value="${k}">${everyLabel[k]}</option>`)}
          </select></div>
          <div class="field"><label for="han_ngay">${t.fieldDueDate}</label><input type="text" id="han_ngay" name="han_ngay" placeholder="25/12/2026"><p class="small muted">${t.fieldDueDateHint}</p></div>
          <div class="field"><label for="ngay_ky">${t.fieldDay}</label><input type="text" id="ngay_ky" name="ngay_ky" inputmode="numeric" placeholder="20"><p class="small muted">${t.fieldDayHint}</p></div>
          <div class="field"><label for="thang">${t.fieldMonth}</label><input type="text" id="thang" name="thang" inputmode="numeric" placeholder="12"></div>
          <div class="field"><label for="den_ngay">${t.fieldUntil}</label><input type="text" id="den_ngay" name="den_ngay" placeholder="31/12/2027"></div>
          <div class="field"><label for="han_gio">${t.fieldDueTime}</label><input type="text" id="han_gio" name="han_gio" value="17:00" placeholder="17:00"></div>
          ${unitPicker(assignable, "giao", t.fieldUnits)}
          <button type="submit">${t.create}</button>
        </form></section>`
          : ""
      }
      <h2>${t.listTitle}</h2>
      ${
        sorted.length === 0
          ? html`<p class="card">${t.none}</p>`
          : html`<div class="table-wrap"><table><thead><tr><th>${t.colTask}</th><th>${t.colDue}</th><th>${t.colStatus}</th><th>${t.colProgress}</th></tr></thead><tbody>
        ${sorted.map(
          (
            x,
          ) => html`<tr><td><a href="/nhiem-vu/${x.id}">#${x.id} ${x.title}</a>${x.seriesId ? html` <span class="small muted">(${t.periodOf(x.seriesId)})</span>` : ""}</td>
            <td>${fmt.dateTime(x.dueAt, tz)}</td><td>${x.status === "open" ? t.open : t.closed}</td>
            <td>${t.progress(x.counts.on_time + x.counts.late, x.counts.total)}</td></tr>`,
        )}</tbody></table></div>`
      }
      <h2>${t.seriesTitle}</h2>
      ${
        series.length === 0
          ? html`<p class="card">${t.seriesNone}</p>`
          : html`<div class="table-wrap"><table><thead><tr><th>${t.colTask}</th><th>${t.colRule}</th><th>${t.colUntil}</th><th>${t.colStatus}</th></tr></thead><tbody>
        ${series.map(
          (
            s,
          ) => html`<tr><td>ĐK${s.id} ${s.title}</td><td>${ruleText(ruleOf(s))}</td><td>${s.until ? formatLocalDateShort(s.until) : c.none}</td>
            <td>${s.status === "active" ? t.seriesActive : t.seriesEnded}${
              manage && s.status === "active"
                ? html` <form method="post" action="/nhiem-vu/dinh-ky/${s.id}/ket-thuc" class="inline" data-confirm="${htmlToPlainText(taskAdmin.askEndSeries(s.title))}">${csrfField(ctx.get("csrf"))}<button type="submit" class="secondary">${t.endSeries}</button></form>`
                : ""
            }</td></tr>`,
        )}</tbody></table></div>`
      }`;
    return render(ctx, deps, { title: t.title, section: "tasks", body });
  });

  app.post("/nhiem-vu", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!mayManage(actor)) return errorPage(ctx, deps, 403, c.notAllowed);
    const body = await ctx.req.parseBody({ all: true });
    const kind = str(body.ky) as (typeof KINDS)[number];
    if (!KINDS.includes(kind)) return errorPage(ctx, deps, 400, t.badRequest);
    const now = deps.clock.now();
    const common = { title: str(body.tieu_de), description: str(body.noi_dung) || null, units: unitsFrom(body) };
    if (kind === "once") {
      const r = await createTaskAs(
        deps.db,
        actor,
        { ...common, dueDate: str(body.han_ngay), dueTime: str(body.han_gio) || null },
        {
          now,
          timezone: tz,
          actorLabel: actorLabel(ctx),
          quiet: quietPolicyOf(deps.config, await findCouncilById(deps.db.prisma, actor.councilId)),
        },
      );
      if (!r.ok) {
        if ("notAllowed" in r) return errorPage(ctx, deps, 403, c.notAllowed);
        flash(ctx, "error", t.refused(r.errors.map((e) => taskTexts.error(e))));
        return ctx.redirect("/nhiem-vu#giao-moi", 303);
      }
      deps.notifyOutbox();
      flash(ctx, "ok", t.created(r.value.task.id, r.value.task.title));
      return ctx.redirect(`/nhiem-vu/${r.value.task.id}`, 303);
    }
    const council = await findCouncilById(deps.db.prisma, actor.councilId);
    if (!council) return errorPage(ctx, deps, 404, c.notFound);
    const r = await createSeries(
      deps.db,
      council,
      {
        ...common,
        councilId: actor.councilId,
        every: kind,
        day: str(body.ngay_ky),
        month: kind === "year" ? str(body.thang) || "12" : null,
        dueTime: str(body.han_gio) || null,
        until: str(body.den_ngay) || null,
      },
      author(ctx, actor),
      { now, timezone: tz },
    );
    if (!r.ok) {
      flash(ctx, "error", t.refused(r.errors.map(seriesErrorText)));
      return ctx.redirect("/nhiem-vu#giao-moi", 303);
    }
    deps.notifyOutbox();
    flash(ctx, "ok", t.seriesCreated(r.value.series.id, r.value.series.title, r.value.opened.length));
    return ctx.redirect("/nhiem-vu", 303);
  });

  app.get("/nhiem-vu/tong-hop.docx", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!may(actor.role, "seeAllUnits")) return errorPage(ctx, deps, 403, c.notAllowed);
    const { content } = await onDemandDigest(deps.db.prisma, actor.councilId, deps.clock.now(), tz);
    const { bytes, fileName } = await digestDocxBytes(deps.db.prisma, actor.councilId, content);
    ctx.header("Content-Type", DOCX_MIME);
    ctx.header("Content-Disposition", contentDisposition("attachment", fileName));
    ctx.header("Cache-Control", "private, no-store");
    return ctx.body(new Uint8Array(bytes));
  });

  app.get("/nhiem-vu/:id", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!may(actor.role, "seeAllUnits")) return errorPage(ctx, deps, 403, c.notAllowed);
    const id = idParam(ctx.req.param("id"));
    const task = id !== undefined ? await taskForChange(deps.db.prisma, actor.councilId, id) : null;
    if (!task || task.status === "deleted") return errorPage(ctx, deps, 404, c.notFound);
    const manage = mayManage(actor);
    const units = task.assignments.map((a) => a.unit);
    const csrf = csrfField(ctx.get("csrf"));
    const body = html`<h1>#${task.id} ${task.title}</h1>
      <div class="card"><dl class="facts">
        <dt>${t.colDue}</dt><dd>${fmt.dateTime(task.dueAt, tz)}</dd>
        <dt>${t.colStatus}</dt><dd>${task.status === "open" ? t.open : t.closed}</dd>
        <dt>${t.createdAt}</dt><dd>${fmt.dateTime(task.createdAt, tz)}</dd>
        ${task.series ? html`<dt>${t.seriesTitle}</dt><dd>ĐK${task.series.id} ${task.series.title} (${task.periodKey ?? ""})</dd>` : ""}
        ${task.description ? html`<dt>${c.noticeBody}</dt><dd>${task.description}</dd>` : ""}
      </dl><p><a href="/bao-cao/yeu-cau/${task.id}">${t.reportsLink}</a></p></div>
      <section class="card"><h2>${t.historyTitle}</h2>${
        task.extensions.length === 0
          ? html`<p class="muted">${t.historyNone}</p>`
          : html`<ul class="plain">${task.extensions.map(
              (x) =>
                html`<li>${taskAdmin.historyLine({
                  at: fmt.dateTime(x.createdAt, tz),
                  unit: x.unit?.name ?? null,
                  from: fmt.dateTime(x.previousDueAt, tz),
                  to: fmt.dateTime(x.newDueAt, tz),
                  reason: x.reason,
                  by: x.actorLabel.startsWith("web:") ? c.appName : x.actorLabel,
                })}</li>`,
            )}</ul>`
      }</section>
      ${
        manage
          ? html`${
              task.status === "open"
                ? html`<section class="card" id="gia-han"><h2>${t.extendTitle}</h2><p class="small">${t.extendExplain}</p>
            <form method="post" action="/nhiem-vu/${task.id}/gia-han">${csrf}
              <div class="field"><label for="han_moi">${t.fieldNewDue}</label><input type="text" id="han_moi" name="han_moi" required placeholder="30/12/2026"><p class="small muted">${t.fieldNewDueHint}</p></div>
              <div class="field"><label for="gio_moi">${t.fieldNewTime}</label><input type="text" id="gio_moi" name="gio_moi" placeholder="17:00"></div>
              <div class="field"><label for="ly_do">${t.fieldReason}</label><input type="text" class="wide" id="ly_do" name="ly_do" required maxlength="500"></div>
              ${unitPicker(units as UnitRow[], "gh", t.extendFor)}
              <button type="submit">${t.extend}</button>
            </form></section>`
                : ""
            }
          <section class="card"><h2>${t.renameTitle}</h2>
            <form method="post" action="/nhiem-vu/${task.id}/doi-ten">${csrf}
              <div class="field"><label for="ten_moi">${t.fieldTitle}</label><input type="text" class="wide" id="ten_moi" name="ten_moi" required maxlength="300" value="${task.title}"></div>
              <button type="submit">${t.rename}</button>
            </form></section>
          <section class="card"><h2>${t.statusTitle}</h2><p class="small">${t.closeExplain}</p>
            <form method="post" action="/nhiem-vu/${task.id}/${task.status === "open" ? "dong" : "mo-lai"}">${csrf}
              <button type="submit"${task.status === "open" ? raw(' class="secondary"') : ""}>${task.status === "open" ? t.close : t.reopen}</button>
            </form></section>`
          : ""
      }`;
    return render(ctx, deps, { title: task.title, section: "tasks", body });
  });

  app.post("/nhiem-vu/:id/gia-han", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!mayManage(actor)) return errorPage(ctx, deps, 403, c.notAllowed);
    const id = idParam(ctx.req.param("id"));
    const council = await findCouncilById(deps.db.prisma, actor.councilId);
    if (id === undefined || !council) return errorPage(ctx, deps, 404, c.notFound);
    const body = await ctx.req.parseBody({ all: true });
    const picked = unitsFrom(body);
    // The picker offers the task's units by id; the use case takes codes or "all".
    let units: UnitSelection = picked;
    if (picked !== "all" && "ids" in picked) {
      const task = await taskForChange(deps.db.prisma, actor.councilId, id);
      if (!task) return errorPage(ctx, deps, 404, c.notFound);
      units = { codes: task.assignments.filter((a) => picked.ids.includes(a.unitId)).map((a) => a.unit.code) };
    }
    const r = await extendTask(deps.db, {
      councilId: actor.councilId,
      taskId: id,
      due: str(body.han_moi),
      time: str(body.gio_moi) || null,
      units,
      reason: str(body.ly_do),
      actor: author(ctx, actor),
      now: deps.clock.now(),
      timezone: tz,
      council,
    });
    if (!r.ok) flash(ctx, "error", t.extendRefused(r.errors.map((e) => taskAdmin.error(e))));
    else {
      deps.notifyOutbox();
      flash(ctx, "ok", t.extended(r.value.title, fmt.dateTime(r.value.newDueAt, tz), r.value.units.length, r.value.told));
    }
    return ctx.redirect(`/nhiem-vu/${id}`, 303);
  });

  app.post("/nhiem-vu/:id/doi-ten", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!mayManage(actor)) return errorPage(ctx, deps, 403, c.notAllowed);
    const id = idParam(ctx.req.param("id"));
    if (id === undefined) return errorPage(ctx, deps, 404, c.notFound);
    const body = await ctx.req.parseBody();
    const r = await renameReportTask(deps.db, {
      councilId: actor.councilId,
      taskId: id,
      title: str(body.ten_moi),
      actor: author(ctx, actor),
    });
    if (!r.ok) {
      if (r.reason === "not-found") return errorPage(ctx, deps, 404, c.notFound);
      flash(ctx, "error", t.renameRefused(taskTexts.error(r.error!)));
    } else flash(ctx, "ok", t.renamed(r.from, r.to));
    return ctx.redirect(`/nhiem-vu/${id}`, 303);
  });

  for (const [path, to] of [
    ["dong", "closed"],
    ["mo-lai", "open"],
  ] as const) {
    app.post(`/nhiem-vu/:id/${path}`, async (ctx) => {
      const actor = ctx.get("session")!.actor;
      if (!mayManage(actor)) return errorPage(ctx, deps, 403, c.notAllowed);
      const id = idParam(ctx.req.param("id"));
      if (id === undefined) return errorPage(ctx, deps, 404, c.notFound);
      const r = await changeTaskStatus(deps.db, {
        councilId: actor.councilId,
        taskId: id,
        to,
        actor: author(ctx, actor),
        now: deps.clock.now(),
      });
      if (!r.ok) {
        if (r.reason === "not-found") return errorPage(ctx, deps, 404, c.notFound);
        flash(ctx, "error", t.alreadyInState);
      } else flash(ctx, "ok", to === "closed" ? t.closedOk(r.title) : t.reopenedOk(r.title));
      return ctx.redirect(`/nhiem-vu/${id}`, 303);
    });
  }

  app.post("/nhiem-vu/dinh-ky/:id/ket-thuc", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    if (!mayManage(actor)) return errorPage(ctx, deps, 403, c.notAllowed);
    const id = idParam(ctx.req.param("id"));
    if (id === undefined) return errorPage(ctx, deps, 404, c.notFound);
    const now = deps.clock.now();
    const r = await endSeries(deps.db, {
      councilId: actor.councilId,
      seriesId: id,
      after: localDateOf(now, tz),
      actor: author(ctx, actor),
      now,
      timezone: tz,
    });
    if (!r.ok) {
      if (r.reason === "not-found") return errorPage(ctx, deps, 404, c.notFound);
      flash(ctx, "error", t.seriesAlreadyEnded);
    } else flash(ctx, "ok", t.seriesEndedOk(r.seriesId, r.title, formatLocalDateShort(r.until), r.closedTasks.length));
    return ctx.redirect("/nhiem-vu", 303);
  });
}
