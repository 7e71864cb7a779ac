/**
 * The page frame: header with the council's name, the sections the person may open, who is signed in and
 * the sign-out button; a flash line after an action; the content. Server-rendered with Hono's html``
 * (every interpolated value is escaped unless it is itself html``). No script or style from elsewhere.
 */
import { html, raw } from "hono/html";
import type { Actor } from "../../core/actor.js";
import { may } from "../../core/permissions.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { consoleTasks } from "../../i18n/vi/console-tasks.js";
import { roleName } from "../../i18n/vi/common.js";
import { formatDateTime, formatShortDateTime, formatShortDate } from "../../domain/time/vietnamese-format.js";
import { ASSET_VERSION } from "../assets.js";

export type Html = ReturnType<typeof html>;

export type Section = "overview" | "reports" | "tasks" | "notices" | "issues" | "directory" | "export" | "none";

export interface PageInput {
  title: string;
  section: Section;
  actor: Actor | null;
  councilName?: string | null;
  csrf?: string;
  flash?: { kind: "ok" | "error"; text: string } | null;
  body: Html;
  timezone: string;
  /** a page meant for printing (the invite sheet): no navigation */
  printable?: boolean;
}

const NAV: { section: Section; href: string; label: string; show: (a: Actor) => boolean }[] = [
  { section: "overview", href: "/", label: c.nav.overview, show: () => true },
  { section: "reports", href: "/bao-cao", label: c.nav.reports, show: () => true },
  { section: "tasks", href: "/nhiem-vu", label: consoleTasks.nav, show: (a) => may(a.role, "seeAllUnits") },
  { section: "notices", href: "/thong-bao", label: c.nav.notices, show: () => true },
  { section: "issues", href: "/van-de", label: c.nav.issues, show: () => true },
  { section: "directory", href: "/danh-ba", label: c.nav.directory, show: (a) => may(a.role, "manageDirectory") },
  { section: "export", href: "/xuat-du-lieu", label: c.nav.export, show: (a) => may(a.role, "exportData") },
];

export const csrfField = (token: string | undefined): Html => html`<input type="hidden" name="_csrf" value="${token ?? ""}">`;

export function page(p: PageInput): Html {
  const a = p.actor;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${p.title} – ${c.appName}</title>
<link rel="stylesheet" href="/assets/console.css?v=${ASSET_VERSION}">
<link rel="icon" href="/assets/favicon.svg?v=${ASSET_VERSION}" type="image/svg+xml">
<script src="/assets/console.js?v=${ASSET_VERSION}" defer></script>
</head>
<body class="${p.printable ? "printable" : ""}">
<a class="skip" href="#noi-dung">${c.skipToContent}</a>
<header class="top">
  <div class="brand"><a href="/">${c.appName}</a>${p.councilName ? html`<span class="council">${p.councilName}</span>` : ""}</div>
  ${
    a
      ? html`<nav class="nav" aria-label="Mục chính">${NAV.filter((n) => n.show(a)).map(
          (n) => html`<a href="${n.href}"${n.section === p.section ? raw(' aria-current="page"') : ""}>${n.label}</a>`,
        )}</nav>
  <div class="me"><span>${c.signedInAs(a.fullName, roleName(a.role), a.unitName)}</span>
    <form method="post" action="/dang-xuat" class="inline">${csrfField(p.csrf)}<button type="submit" class="link">${c.signOut}</button></form></div>`
      : ""
  }
</header>
<main id="noi-dung">
${p.flash ? html`<p class="flash ${p.flash.kind}" role="status">${p.flash.text}</p>` : ""}
${p.body}
</main>
<footer class="foot">${c.councilTime(p.timezone)}</footer>
</body>
</html>`;
}

/** Small formatting helpers every page uses (council time). */
export const fmt = {
  dateTime: (d: Date | null | undefined, tz: string) => (d ? formatDateTime(d, tz) : c.none),
  short: (d: Date | null | undefined, tz: string) => (d ? formatShortDateTime(d, tz) : c.none),
  date: (d: Date | null | undefined, tz: string) => (d ? formatShortDate(d, tz) : c.none),
};

/** Options of a <select>, with the current value selected. */
export function options(items: { value: string; label: string }[], current: string | undefined): Html {
  return html`${items.map((i) => html`<option value="${i.value}"${i.value === (current ?? "") ? raw(" selected") : ""}>${i.label}</option>`)}`;
}

/** Links to the previous and next page of a list, keeping the other query parameters. */
export function pager(base: string, params: Record<string, string | undefined>, pageNo: number, pages: number): Html {
  if (pages <= 1) return html``;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set("trang", String(p));
    return `${base}?${q.toString()}`;
  };
  return html`<nav class="pager" aria-label="Phân trang">
    ${pageNo > 1 ? html`<a href="${href(pageNo - 1)}">${c.prevPage}</a>` : ""}
    <span>${c.pageOf(pageNo, pages)}</span>
    ${pageNo < pages ? html`<a href="${href(pageNo + 1)}">${c.nextPage}</a>` : ""}
  </nav>`;
}
