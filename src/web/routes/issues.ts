/**
 * Vấn đề nổi cộm: the register of urgent issues across units (filters by status, category, urgency,
 * unit) and each issue with its history, files and the same three actions as the standing committee's
 * buttons (Tiếp nhận, Chuyển Ban, Đã xử lý with a note), applied by the same core use case, which also
 * tells the reporter and updates the standing committee's message.
 */
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import type { WebDeps, WebEnv } from "../context.js";
import { scopeOf, seesUnit } from "../../core/access/scope.js";
import { canActOnIssues, changeIssue, type IssueChange } from "../../core/issues/change-status.js";
import { issueCategoriesInUse, issueDetail, listIssues } from "../../core/issues/list-issues.js";
import { DEFAULT_ISSUE_CATEGORIES } from "../../domain/council-settings.js";
import { listUnits } from "../../db/units.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { statusLabel, urgencyLabel } from "../../i18n/vi/schedule.js";
import { roleName } from "../../i18n/vi/common.js";
import { cleanText } from "../../text/fold.js";
import { csrfField, fmt, options } from "../views/layout.js";
import { actorLabel, errorPage, flash, idParam, render } from "../respond.js";
import { fileLine } from "./reports.js";
import { cutText } from "../../text/graphemes.js";

const STATUSES = ["new", "acknowledged", "assigned", "resolved"];
const URGENCIES = ["very_urgent", "urgent", "normal"];

export function registerIssueRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;
  const db = deps.db.prisma;

  app.get("/van-de", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const q = (k: string) => ctx.req.query(k) || undefined;
    const status = STATUSES.includes(q("trang_thai") ?? "") ? q("trang_thai") : undefined;
    const urgency = URGENCIES.includes(q("muc_do") ?? "") ? q("muc_do") : undefined;
    const linhVuc = q("linh_vuc");
    const category = linhVuc === undefined ? undefined : cutText(linhVuc, 200);
    const unitId = idParam(q("don_vi"));
    const [issues, inUse, units] = await Promise.all([
      listIssues(db, scope, {
        ...(status ? { status } : {}),
        ...(urgency ? { urgency } : {}),
        ...(category ? { category } : {}),
        ...(unitId !== undefined ? { unitId } : {}),
      }),
      issueCategoriesInUse(db, scope.councilId),
      listUnits(db, scope.councilId),
    ]);
    const categories = [...new Set([...DEFAULT_ISSUE_CATEGORIES, ...(deps.config.issueCategories ?? []), ...inUse])];
    const body = html`<h1>${c.issuesTitle}</h1>
      <form class="filters" method="get" action="/van-de" role="search">
        <div class="field"><label for="trang_thai">${c.filterStatus}</label><select id="trang_thai" name="trang_thai">${options(
          [{ value: "", label: c.filterAny }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))],
          status,
        )}</select></div>
        <div class="field"><label for="muc_do">${c.filterUrgency}</label><select id="muc_do" name="muc_do">${options(
          [{ value: "", label: c.filterAny }, ...URGENCIES.map((s) => ({ value: s, label: urgencyLabel(s) }))],
          urgency,
        )}</select></div>
        <div class="field"><label for="linh_vuc">${c.filterCategory}</label><select id="linh_vuc" name="linh_vuc">${options(
          [{ value: "", label: c.filterAny }, ...categories.map((s) => ({ value: s, label: s }))],
          category,
        )}</select></div>
        ${
          scope.unitId === null
            ? html`<div class="field"><label for="don_vi">${c.filterUnit}</label><select id="don_vi" name="don_vi">${options(
                [
                  { value: "", label: c.filterAllUnits },
                  ...units.filter((u) => u.kind !== "committee").map((u) => ({ value: String(u.id), label: u.name })),
                ],
                unitId !== undefined ? String(unitId) : undefined,
              )}</select></div>`
            : ""
        }
        <button type="submit">${c.filterApply}</button>
      </form>
      ${
        issues.length === 0
          ? html`<p class="card">${c.noIssues}</p>`
          : html`<div class="table-wrap"><table><thead><tr>${c.issueColumns.map((h, i) => html`<th${i === 3 || i === 4 ? raw(' class="hide-phone"') : ""}>${h}</th>`)}</tr></thead><tbody>
        ${issues.map(
          (
            i,
          ) => html`<tr><td class="nowrap"><a href="/van-de/${i.id}">${i.receiptNo}</a></td><td><span class="badge ${i.urgency === "normal" ? "neutral" : i.urgency}">${urgencyLabel(i.urgency)}</span></td>
            <td>${i.unit?.name ?? c.none}</td><td class="hide-phone">${i.category}</td><td class="hide-phone">${i.location}</td>
            <td class="nowrap small">${fmt.short(i.createdAt, tz)}</td><td>${statusLabel(i.status)}${i.committee ? ` – ${i.committee.name}` : ""}</td></tr>`,
        )}</tbody></table></div>`
      }`;
    return render(ctx, deps, { title: c.issuesTitle, section: "issues", body });
  });

  app.get("/van-de/:id", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const scope = scopeOf(actor);
    const issue = await issueDetail(db, scope, idParam(ctx.req.param("id")) ?? -1);
    if (!issue) return errorPage(ctx, deps, 404, c.notFound);
    const committees = await listUnits(db, scope.councilId, { kinds: ["committee"], activeOnly: true });
    const open = issue.status !== "resolved";
    const csrf = csrfField(ctx.get("csrf"));
    const actions =
      canActOnIssues(actor) && open
        ? html`<section class="card"><h2>${c.issueActions}</h2><div class="actions">
          ${
            issue.status === "new"
              ? html`<form method="post" action="/van-de/${issue.id}/xu-ly">${csrf}<input type="hidden" name="thao_tac" value="tiep-nhan"><button type="submit">${c.issueAck}</button></form>`
              : ""
          }
          ${
            committees.length > 0
              ? html`<form method="post" action="/van-de/${issue.id}/xu-ly">${csrf}<input type="hidden" name="thao_tac" value="chuyen-ban">
              <label for="ban">${c.issueChooseCommittee}</label><select id="ban" name="ban">${options(
                committees.map((u) => ({ value: String(u.id), label: u.name })),
                issue.committeeUnitId ? String(issue.committeeUnitId) : undefined,
              )}</select> <button type="submit" class="secondary">${c.issueAssign}</button></form>`
              : html`<p class="muted small">${c.issueNoCommittees}</p>`
          }
          </div>
          <form method="post" action="/van-de/${issue.id}/xu-ly">${csrf}<input type="hidden" name="thao_tac" value="da-xu-ly">
            <label for="ghi_chu">${c.issueNote}</label><textarea id="ghi_chu" name="ghi_chu" rows="3" maxlength="1000"></textarea>
            <p><button type="submit">${c.issueResolve}</button></p></form>
        </section>`
        : "";
    const body = html`<h1>${issue.receiptNo}: ${issue.category}</h1>
      <div class="row"><div class="grow">
      <div class="card">
        <p><span class="badge ${issue.urgency === "normal" ? "neutral" : issue.urgency}">${urgencyLabel(issue.urgency)}</span> <b>${statusLabel(issue.status)}</b>${issue.committee ? ` – ${issue.committee.name}` : ""}</p>
        <dl class="facts">
          <dt>${c.filterUnit}</dt><dd>${issue.unit ? (seesUnit(scope, issue.unit.id) ? html`<a href="/bao-cao/don-vi/${issue.unit.id}">${issue.unit.name}</a>` : issue.unit.name) : c.none}</dd>
          <dt>${c.issueLocation}</dt><dd>${issue.location}</dd>
          <dt>${c.issueColumns[5]}</dt><dd>${fmt.dateTime(issue.createdAt, tz)}</dd>
        </dl>
        <p>${c.issueReporter(issue.reporter.fullName, roleName(issue.reporter.role))}</p>
        <div class="report"><div class="body">${issue.description}</div>
        ${issue.attachments.length > 0 ? html`<div class="small"><b>${c.files}:</b><ul class="files">${issue.attachments.map((a, i) => fileLine(a, issue.receiptNo, i + 1))}</ul></div>` : ""}</div>
        ${issue.resolutionNote ? html`<p>${c.issueResolvedNote(issue.resolutionNote)}</p>` : ""}
      </div></div>
      <aside class="side">${actions}
        <section class="card"><h2>${c.issueHistory}</h2><ul class="plain">${issue.events.map(
          (e) =>
            html`<li><span class="small muted">${fmt.short(e.createdAt, tz)}</span> ${statusLabel(e.toStatus)} (${e.actor?.fullName ?? c.none})${e.note ? html`<br><span class="small">${e.note}</span>` : ""}</li>`,
        )}</ul></section>
      </aside></div>`;
    return render(ctx, deps, { title: issue.receiptNo, section: "issues", body });
  });

  app.post("/van-de/:id/xu-ly", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const scope = scopeOf(actor);
    const issue = await issueDetail(db, scope, idParam(ctx.req.param("id")) ?? -1);
    if (!issue) return errorPage(ctx, deps, 404, c.notFound);
    const body = await ctx.req.parseBody();
    const verb = typeof body.thao_tac === "string" ? body.thao_tac : "";
    let change: IssueChange;
    if (verb === "tiep-nhan") change = { to: "acknowledged" };
    else if (verb === "chuyen-ban")
      change = { to: "assigned", committeeUnitId: idParam(typeof body.ban === "string" ? body.ban : undefined) ?? -1 };
    else if (verb === "da-xu-ly") {
      const note = typeof body.ghi_chu === "string" ? cutText(cleanText(body.ghi_chu), 1000) : "";
      change = { to: "resolved", note: note || null };
    } else return errorPage(ctx, deps, 400, c.notFound);
    // The same use case as the standing committee's buttons: permission, status guard, history, audit, the reporter told.
    const result = await deps.db.transaction((tx) =>
      changeIssue(tx, { issueId: issue.id, actor, change, now: deps.clock.now(), timezone: tz, eventKey: actorLabel(ctx) }),
    );
    if (!result.ok && result.reason === "not_allowed") return errorPage(ctx, deps, 403, c.notAllowed);
    deps.notifyOutbox();
    if (result.ok) flash(ctx, "ok", c.issueDone(statusLabel(result.status)));
    else if (result.reason === "bad_committee") flash(ctx, "error", c.issueBadCommittee);
    else flash(ctx, "error", c.issueAlready(statusLabel(result.status ?? issue.status)));
    return ctx.redirect(`/van-de/${issue.id}`, 303);
  });
}
