/** Tổng quan: the status grid of open tasks (units down, tasks across), with counts, filters, the latest notices and open urgent issues. */
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import type { WebDeps, WebEnv } from "../context.js";
import { statusGrid, type StatusGrid } from "../../core/tasks/status-grid.js";
import { scopeOf } from "../../core/access/scope.js";
import { recentNoticesFor } from "../../core/notices/list-notices.js";
import { openUrgentIssues } from "../../core/issues/list-issues.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { urgencyLabel } from "../../i18n/vi/schedule.js";
import { formatDayMonth } from "../../domain/time/vietnamese-format.js";
import type { UnitTaskStatus } from "../../core/tasks/list-tasks.js";
import { fmt, options, type Html } from "../views/layout.js";
import { escapeHtml } from "../../text/html.js";
import { render } from "../respond.js";
import { cutText } from "../../text/graphemes.js";

const STATUSES: UnitTaskStatus[] = ["missing", "late", "on_time", "not_due"];
const GRID_KINDS = ["commune", "ward", "special_zone", "village", "residential_group", "province", "other"];

export function registerOverviewRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/", async (ctx) => {
    const session = ctx.get("session")!;
    const scope = scopeOf(session.actor);
    const tz = deps.config.timezone;
    const now = deps.clock.now();
    const kind = ctx.req.query("loai") || undefined;
    const tim = ctx.req.query("tim");
    const text = (tim && cutText(tim, 100)) || undefined;
    const behind = ctx.req.query("thieu") === "1";
    const [grid, notices, issues] = await Promise.all([
      statusGrid(deps.db.prisma, scope, now, { ...(kind ? { kind } : {}), ...(text ? { text } : {}), onlyBehind: behind }),
      recentNoticesFor(deps.db.prisma, scope, 5),
      openUrgentIssues(deps.db.prisma, scope, 6),
    ]);
    const kinds = [...new Set(grid.units.map((u) => u.kind))];
    const filters =
      scope.unitId === null
        ? html`<form class="filters" method="get" action="/" role="search">
            <div class="field"><label for="loai">${c.filterKind}</label>
              <select id="loai" name="loai">${options(
                [
                  { value: "", label: c.filterAllKinds },
                  ...GRID_KINDS.filter((k) => kinds.includes(k) || k === kind).map((k) => ({ value: k, label: c.unitKind[k] ?? k })),
                ],
                kind,
              )}</select></div>
            <div class="field"><label for="tim">${c.filterText}</label>
              <input type="search" id="tim" name="tim" value="${text ?? ""}" placeholder="${c.filterTextPlaceholder}" size="28"></div>
            <label class="check"><input type="checkbox" name="thieu" value="1"${behind ? raw(" checked") : ""}> ${c.filterBehind}</label>
            <button type="submit">${c.filterApply}</button>
            ${kind || text || behind ? html`<a href="/">${c.filterClear}</a>` : ""}
          </form>`
        : "";
    const body = html`
      <h1>${c.overviewTitle}</h1>
      <div class="row">
        <section class="grow" aria-labelledby="bang">
          <h2 id="bang" class="muted small">${c.openTasks(grid.tasks.length)} · ${c.unitsShown(grid.units.length, grid.unitTotal)}</h2>
          ${stats(grid)}
          ${filters}
          ${legend()}
          ${grid.tasks.length === 0 ? html`<p class="card">${c.noOpenTasks}</p>` : grid.units.length === 0 ? html`<p class="card">${c.noUnitsMatch}</p>` : gridTable(grid, tz)}
          ${grid.tasks.length > 0 ? taskList(grid, tz) : ""}
        </section>
        <aside class="side">
          <section class="card"><h2>${c.openIssues}</h2>
            ${
              issues.length === 0
                ? html`<p class="muted">${c.noOpenIssues}</p>`
                : html`<ul class="plain">${issues.map(
                    (i) => html`<li><span class="badge ${i.urgency}">${urgencyLabel(i.urgency)}</span>
                      <a href="/van-de/${i.id}">${i.receiptNo}</a> – ${i.unit?.name ?? c.none}<br><span class="small">${i.category}; ${i.location}</span>
                      <br><span class="small muted">${fmt.short(i.createdAt, tz)}</span></li>`,
                  )}</ul>`
            }
            <p class="small"><a href="/van-de">${c.seeAll}</a></p>
          </section>
          <section class="card"><h2>${c.latestNotices}</h2>
            ${
              notices.length === 0
                ? html`<p class="muted">${c.noNotices}</p>`
                : html`<ul class="plain">${notices.map(
                    (n) =>
                      html`<li><a href="/thong-bao/${n.id}">${n.title}</a><br><span class="small muted">${n.number ?? ""} ${fmt.short(n.publishedAt, tz)} · ${c.acksLine(n._count.acks)}</span></li>`,
                  )}</ul>`
            }
            <p class="small"><a href="/thong-bao">${c.seeAll}</a></p>
          </section>
        </aside>
      </div>`;
    return render(ctx, deps, { title: c.nav.overview, section: "overview", body });
  });
}

function stats(grid: StatusGrid): Html {
  return html`<div class="stats">${STATUSES.map((s) => html`<div class="stat s-${s}"><b>${grid.totals[s]}</b>${c.statusWord[s]}</div>`)}</div>`;
}

function legend(): Html {
  return html`<p class="legend"><span class="muted">${c.legend}:</span>${STATUSES.map(
    (s) => html`<span><span class="mark s-${s}">${c.statusMark[s]}</span>${c.statusWord[s]}</span>`,
  )}<span><span class="mark s-none">&nbsp;</span>${c.notAssigned}</span></p>`;
}

/**
 * The grid itself: 168 units x 20 tasks is 3,360 cells, so each cell is as small as it can be (a class,
 * a letter, a tooltip); the header row and the unit column stay in view while scrolling.
 */
function gridTable(grid: StatusGrid, tz: string): Html {
  const head = grid.tasks.map(
    (t, i) =>
      html`<th scope="col" title="${t.title}"><a href="/bao-cao/yeu-cau/${t.id}">${i + 1}<span class="due">${formatDayMonth(t.dueAt, tz)}</span></a></th>`,
  );
  // Built as plain strings (escaped once each): thousands of small html`` templates cost more than the query.
  const rows = grid.units.map((u) => {
    let cells = "";
    for (const cell of u.cells) {
      if (!cell) {
        cells += `<td class="s s-none" title="${escapeHtml(c.notAssigned)}"></td>`;
        continue;
      }
      const detail = cell.submittedAt ? `, ${c.submittedAt(fmt.short(cell.submittedAt, tz))}` : "";
      cells += `<td class="s s-${cell.status}" title="${escapeHtml(`${c.statusWord[cell.status]}${detail}`)}">${c.statusMark[cell.status]}</td>`;
    }
    return raw(
      `<tr><td class="unit"><a href="/bao-cao/don-vi/${u.id}">${escapeHtml(u.name)}</a></td>${cells}<td class="count">${u.counts.missing || ""}</td><td class="count">${u.counts.late || ""}</td></tr>`,
    );
  });
  return html`<div class="grid-wrap"><table class="grid">
    <thead><tr><th scope="col" class="unit">${c.colUnit}</th>${head}<th scope="col" class="count">${c.colMissing}</th><th scope="col" class="count">${c.colLate}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`;
}

function taskList(grid: StatusGrid, tz: string): Html {
  return html`<section class="card spaced"><h2>${c.taskListTitle}</h2><ol class="tasks">${grid.tasks.map(
    (
      t,
    ) => html`<li><a href="/bao-cao/yeu-cau/${t.id}">${t.title}</a> – <span class="nowrap">${c.dueShort} ${fmt.dateTime(t.dueAt, tz)}</span>
      <span class="small">${STATUSES.filter((s) => t.counts[s] > 0).map((s) => html` <span class="badge ${s}">${t.counts[s]} ${c.statusWord[s].toLowerCase()}</span>`)}</span></li>`,
  )}</ol></section>`;
}
