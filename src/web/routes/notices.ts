/**
 * Thông báo: the list, each notice's delivery and acknowledgements per unit, and publishing from the
 * console (paste or upload, preview, audience, pin, send through the same outbox as /thongbao; then the
 * same deadline proposals as in chat, each created as a task with one form).
 */
import { existsSync, createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import type { WebContext, WebDeps, WebEnv } from "../context.js";
import { scopeOf } from "../../core/access/scope.js";
import { may } from "../../core/permissions.js";
import { listNoticesFor, noticeDetail } from "../../core/notices/list-notices.js";
import {
  draftFromFile,
  draftFromText,
  fallbackTitle,
  MAX_NOTICE_FILE_BYTES,
  type NoticeDraft,
  type NoticeFile,
} from "../../core/notices/draft.js";
import { excerpt, publishNoticeAs } from "../../core/notices/publish.js";
import { audienceUnits, noticeTargets, type Audience } from "../../core/notices/targets.js";
import { proposeTasks, type TaskProposal } from "../../core/notices/proposed-tasks.js";
import { allUnitsOf, createTaskAs } from "../../core/tasks/create-task.js";
import { quietPolicyOf } from "../../core/tasks/settings.js";
import { findCouncilById } from "../../db/councils.js";
import { tasks as taskTexts } from "../../i18n/vi/tasks.js";
import { listUnits, type UnitRow } from "../../db/units.js";
import { tasksOfNotice } from "../../db/tasks.js";
import { isStoredPath } from "../../files/content-store.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { noticeAcks } from "../../i18n/vi/notice-acks.js";
import { noticeChanges } from "../../i18n/vi/notice-changes.js";
import { roleName } from "../../i18n/vi/common.js";
import { formatLocalDateShort } from "../../domain/time/vietnamese-format.js";
import { htmlToPlainText } from "../../text/html.js";
import { cleanText } from "../../text/fold.js";
import { csrfField, fmt, type Html } from "../views/layout.js";
import { actorLabel, errorPage, flash, idParam, render } from "../respond.js";
import { contentDisposition } from "./reports.js";
import { displayNameOf } from "../../messaging/platform.js";
import { cutText } from "../../text/graphemes.js";

interface NoticeForm {
  body: string;
  title: string;
  audience: Audience["kind"];
  unitIds: number[];
  pin: boolean;
  file: NoticeFile | null;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

/** The fields of the publishing form (and of the preview's hidden copy of them). */
function readForm(body: Record<string, unknown>, dataDir: string): NoticeForm {
  const audience = str(body.doi_tuong);
  const stored = str(body.tep_luu);
  const file =
    isStoredPath(stored) && existsSync(path.join(dataDir, stored))
      ? {
          storedPath: stored,
          name: cutText(str(body.tep_ten), 200) || "thong-bao",
          mime: str(body.tep_mime) || null,
          size: Number(str(body.tep_co)) || 0,
          ref: null,
        }
      : null;
  return {
    body: str(body.noi_dung).replace(/\r\n?/g, "\n"),
    title: cleanText(str(body.trich_yeu)),
    audience: audience === "units" || audience === "standing" ? audience : "all",
    unitIds: list(body.don_vi)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
    pin: str(body.ghim) === "1",
    file,
  };
}

const audienceOf = (f: NoticeForm): Audience => (f.audience === "units" ? { kind: "units", unitIds: f.unitIds } : { kind: f.audience });

function hiddenCopy(f: NoticeForm, draft: NoticeDraft): Html {
  return html`<input type="hidden" name="noi_dung" value="${draft.body}">
    <input type="hidden" name="trich_yeu" value="${f.title}">
    <input type="hidden" name="doi_tuong" value="${f.audience}">
    ${f.unitIds.map((id) => html`<input type="hidden" name="don_vi" value="${id}">`)}
    ${f.pin ? html`<input type="hidden" name="ghim" value="1">` : ""}
    ${
      f.file
        ? html`<input type="hidden" name="tep_luu" value="${f.file.storedPath}"><input type="hidden" name="tep_ten" value="${f.file.name}">
          <input type="hidden" name="tep_mime" value="${f.file.mime ?? ""}"><input type="hidden" name="tep_co" value="${f.file.size}">`
        : ""
    }`;
}

function publishForm(ctx: WebContext, units: UnitRow[], f: NoticeForm | null, problem: string | null): Html {
  const checked = (on: boolean) => (on ? raw(" checked") : "");
  const audience = f?.audience ?? "all";
  return html`<h1>${c.publishTitle}</h1>
    ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : ""}
    <p class="muted">${c.publishIntro}</p>
    <form method="post" action="/thong-bao/xem-truoc" enctype="multipart/form-data" class="card">
      ${csrfField(ctx.get("csrf"))}
      <label for="noi_dung">${c.fieldBody}</label>
      <textarea id="noi_dung" name="noi_dung" rows="12">${f && !f.file ? f.body : ""}</textarea>
      <label for="tep">${c.fieldFile}</label>
      <input type="file" id="tep" name="tep" accept=".txt,.docx,.pdf,.md">
      ${
        f?.file
          ? html`<p class="small">${c.noticeFile}: <b>${f.file.name}</b>
            <input type="hidden" name="tep_luu" value="${f.file.storedPath}"><input type="hidden" name="tep_ten" value="${f.file.name}">
            <input type="hidden" name="tep_mime" value="${f.file.mime ?? ""}"><input type="hidden" name="tep_co" value="${f.file.size}">
            <input type="hidden" name="noi_dung_tep" value="${f.body}"></p>`
          : ""
      }
      <label for="trich_yeu">${c.fieldTitle}</label>
      <input type="text" id="trich_yeu" name="trich_yeu" value="${f?.title ?? ""}" maxlength="300" size="80">
      <fieldset><legend>${c.fieldAudience}</legend>
        ${(["all", "units", "standing"] as const).map(
          (k) =>
            html`<label class="check"><input type="radio" name="doi_tuong" value="${k}"${checked(audience === k)}> ${c.audience[k]}</label>`,
        )}
        <div id="chon-don-vi"><p class="small muted">${c.fieldUnits}</p><div class="unit-picks">${units.map(
          (u) =>
            html`<label class="check"><input type="checkbox" name="don_vi" value="${u.id}"${checked(f?.unitIds.includes(u.id) ?? false)}> ${u.name}</label>`,
        )}</div></div>
      </fieldset>
      <label class="check"><input type="checkbox" name="ghim" value="1"${checked(f?.pin ?? false)}> ${c.fieldPin}</label>
      <p><button type="submit">${c.previewButton}</button></p>
    </form>`;
}

export function registerNoticeRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;
  const db = deps.db.prisma;

  app.get("/thong-bao", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const scope = scopeOf(actor);
    const notices = await listNoticesFor(db, scope);
    const body = html`<h1>${c.noticesTitle}</h1>
      ${may(actor.role, "publishNotices") ? html`<p><a class="button" href="/thong-bao/moi">${c.newNotice}</a></p>` : ""}
      ${
        notices.length === 0
          ? html`<p class="card">${c.noNotices}</p>`
          : html`<div class="table-wrap"><table><thead><tr>${c.noticeColumns.map((h, i) => html`<th${i === 0 || i === 3 ? raw(' class="hide-phone"') : ""}>${h}</th>`)}</tr></thead><tbody>
          ${notices.map((n) => {
            const delivered = n.deliveries.filter((d) => d.status === "delivered").length;
            return html`<tr><td class="hide-phone nowrap">${n.number ?? c.none}</td><td><a href="/thong-bao/${n.id}">${n.title}</a></td>
              <td class="nowrap small">${fmt.short(n.publishedAt, tz)}</td><td class="hide-phone">${c.audience[n.audience] ?? n.audience}</td>
              <td class="nowrap">${scope.unitId === null ? c.deliveredOf(delivered, n.deliveries.length) : c.none}</td><td class="nowrap">${scope.unitId === null ? c.acksCount(n._count.acks) : c.none}</td></tr>`;
          })}</tbody></table></div>`
      }`;
    return render(ctx, deps, { title: c.noticesTitle, section: "notices", body });
  });

  const canPublish = (ctx: WebContext) => may(ctx.get("session")!.actor.role, "publishNotices");
  const pickable = async (ctx: WebContext) => allUnitsOf(await listUnits(db, ctx.get("session")!.actor.councilId, { activeOnly: true }));

  app.get("/thong-bao/moi", async (ctx) => {
    if (!canPublish(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    return render(ctx, deps, { title: c.publishTitle, section: "notices", body: publishForm(ctx, await pickable(ctx), null, null) });
  });

  app.post("/thong-bao/xem-truoc", async (ctx) => {
    if (!canPublish(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const actor = ctx.get("session")!.actor;
    const raw = await ctx.req.parseBody({ all: true });
    const form = readForm(raw, deps.config.dataDir);
    const units = await pickable(ctx);
    const again = (problem: string) =>
      render(ctx, deps, { title: c.publishTitle, section: "notices", status: 422, body: publishForm(ctx, units, form, problem) });
    const now = deps.clock.now();
    let draft: NoticeDraft;
    const upload = raw.tep instanceof File && raw.tep.size > 0 ? raw.tep : null;
    if (upload) {
      if (upload.size > MAX_NOTICE_FILE_BYTES) return again(c.tooLarge);
      const result = await draftFromFile({
        bytes: new Uint8Array(await upload.arrayBuffer()),
        fileName: upload.name || "thong-bao",
        dataDir: deps.config.dataDir,
        timezone: tz,
        referenceDate: now.toISOString(),
        limits: { memoryMb: deps.config.documents.readMemoryMb, timeoutMs: deps.config.documents.readTimeoutMs },
        logger: deps.logger,
      });
      if (!result.ok) return again(result.message);
      draft = result.draft;
      form.file = result.draft.file;
      form.body = draft.body;
    } else if (form.file) {
      draft = draftFromText(str(raw.noi_dung_tep) || form.body, tz, form.file, now.toISOString());
      form.body = draft.body;
    } else {
      draft = draftFromText(form.body, tz, null, now.toISOString());
    }
    if (draft.body.trim() === "") return again(c.emptyNotice);
    if (form.title.length > 300) return again(c.titleTooLong);
    if (form.audience === "units" && form.unitIds.length === 0) return again(c.noUnitsChosen);
    const audience = audienceOf(form);
    const title = form.title || draft.title || fallbackTitle(draft.body);
    form.title = title;
    const [targets, audienceList] = await Promise.all([
      noticeTargets(db, actor.councilId, audience),
      audienceUnits(db, actor.councilId, audience),
    ]);
    const proposals = proposeTasks(draft.parsed, units);
    const text = excerpt(draft.body, 3000);
    const body = html`<h1>${c.previewTitle}</h1>
      <div class="card">
        <dl class="facts">
          <dt>${c.fieldTitle.split(" (")[0]}</dt><dd><b>${title}</b></dd>
          ${draft.number ? html`<dt>${c.noticeColumns[0]}</dt><dd>${draft.number}</dd>` : ""}
          ${draft.issuedOn ? html`<dt>${c.colDue.replace("Hạn", "Ngày")}</dt><dd>${formatLocalDateShort(draft.issuedOn)}</dd>` : ""}
          <dt>${c.fieldAudience}</dt><dd>${c.audience[audience.kind]}${audience.kind === "units" ? ` (${audienceList.length})` : ""}</dd>
          ${draft.file ? html`<dt>${c.noticeFile}</dt><dd>${draft.file.name}</dd>` : ""}
        </dl>
        <p>${targets.length > 0 ? c.previewTargets(targets.length, audienceList.length) : html`<span class="flash error">${c.previewNoTargets}</span>`}</p>
        <p>${c.previewPin(form.pin)} ${c.previewDeadlines(proposals.length)}</p>
        <div class="preview-body">${text}${text.length < draft.body.length ? "…" : ""}</div>
      </div>
      <form method="post" action="/thong-bao/gui" class="actions" data-confirm="${c.sendButton}?">
        ${csrfField(ctx.get("csrf"))}${hiddenCopy(form, draft)}
        ${targets.length > 0 ? html`<button type="submit">${c.sendButton}</button>` : ""}
        <button type="submit" class="secondary" formaction="/thong-bao/sua">${c.editButton}</button>
      </form>`;
    return render(ctx, deps, { title: c.previewTitle, section: "notices", body });
  });

  app.post("/thong-bao/sua", async (ctx) => {
    if (!canPublish(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const form = readForm(await ctx.req.parseBody({ all: true }), deps.config.dataDir);
    return render(ctx, deps, { title: c.publishTitle, section: "notices", body: publishForm(ctx, await pickable(ctx), form, null) });
  });

  app.post("/thong-bao/gui", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const form = readForm(await ctx.req.parseBody({ all: true }), deps.config.dataDir);
    const now = deps.clock.now();
    const draft = draftFromText(form.body, tz, form.file, now.toISOString());
    if (draft.body.trim() === "") return errorPage(ctx, deps, 422, c.emptyNotice);
    const result = await publishNoticeAs(deps.db, actor, {
      draft,
      title: form.title || draft.title || fallbackTitle(draft.body),
      audience: audienceOf(form),
      pin: form.pin,
      actorLabel: actorLabel(ctx),
      now,
    });
    if (!result.ok)
      return errorPage(
        ctx,
        deps,
        result.reason === "not_allowed" ? 403 : 422,
        result.reason === "not_allowed" ? c.notAllowed : c.previewNoTargets,
      );
    deps.notifyOutbox();
    flash(
      ctx,
      "ok",
      `${c.published(result.noticeId, result.targets)}${result.inactive > 0 ? ` ${c.publishedInactive(result.inactive)}` : ""}`,
    );
    return ctx.redirect(`/thong-bao/${result.noticeId}`, 303);
  });

  app.get("/thong-bao/:id", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const scope = scopeOf(actor);
    const id = idParam(ctx.req.param("id")) ?? -1;
    const detail = await noticeDetail(db, scope, id);
    if (!detail) return errorPage(ctx, deps, 404, c.notFound);
    const n = detail.status.notice;
    const t = detail.status.totals;
    const proposalsSection = may(actor.role, "createTasks") ? await proposals(ctx, deps, id, detail.body, n.publishedAt) : "";
    const body = html`<h1>${n.title}</h1>
      <div class="card"><dl class="facts">
        ${n.number ? html`<dt>${c.noticeColumns[0]}</dt><dd>${n.number}</dd>` : ""}
        <dt>${c.noticeColumns[2]}</dt><dd>${n.publishedAt ? fmt.dateTime(new Date(n.publishedAt), tz) : c.none}</dd>
        <dt>${c.fieldAudience}</dt><dd>${c.audience[n.audience] ?? n.audience}</dd>
        ${n.recalledAt ? html`<dt>${noticeChanges.consoleRecalled}</dt><dd>${fmt.dateTime(new Date(n.recalledAt), tz)} – ${n.recallReason ?? ""}</dd>` : ""}
        ${n.corrections > 0 ? html`<dt>${noticeChanges.consoleCorrected}</dt><dd>${n.corrections}</dd>` : ""}
        ${n.fileName ? html`<dt>${c.noticeFile}</dt><dd>${detail.filePath ? html`<a href="/thong-bao/${id}/tep">${n.fileName}</a>` : n.fileName}</dd>` : ""}
      </dl>
      ${scope.unitId === null ? html`<p>${c.totalsNotice(t.delivered, t.units, t.acked)}</p>` : ""}</div>
      <h2>${c.noticeUnits}</h2>
      ${unitTable(detail.status, tz)}
      ${
        detail.status.otherChats.length > 0
          ? html`<h2>${c.noticeOtherChats}</h2><ul class="card plain">${detail.status.otherChats.map(
              (o) =>
                html`<li>${displayNameOf(o.platform)} · ${o.title ?? o.chatId} (${c.purposes[o.purpose ?? ""] ?? ""}): ${c.deliveryState[o.status] ?? o.status}${o.reasonText ? ` – ${o.reasonText}` : ""}</li>`,
            )}</ul>`
          : ""
      }
      ${otherAcksSection(detail.status, tz)}
      ${proposalsSection}
      <h2>${c.noticeBody}</h2>
      <div class="preview-body">${detail.body}</div>`;
    return render(ctx, deps, { title: n.title, section: "notices", body });
  });

  app.get("/thong-bao/:id/tep", async (ctx) => {
    const scope = scopeOf(ctx.get("session")!.actor);
    const id = idParam(ctx.req.param("id")) ?? -1;
    const detail = await noticeDetail(db, scope, id);
    const file = detail?.filePath && isStoredPath(detail.filePath) ? path.join(deps.config.dataDir, detail.filePath) : null;
    if (!detail || !file || !existsSync(file)) return errorPage(ctx, deps, 404, c.notFound);
    ctx.header("Content-Type", "application/octet-stream");
    ctx.header("Content-Disposition", contentDisposition("attachment", detail.status.notice.fileName ?? path.basename(file)));
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    return ctx.body(Readable.toWeb(createReadStream(file)) as ReadableStream);
  });

  app.post("/thong-bao/:id/nhiem-vu", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const id = idParam(ctx.req.param("id")) ?? -1;
    const detail = await noticeDetail(db, scopeOf(actor), id);
    if (!detail) return errorPage(ctx, deps, 404, c.notFound);
    const body = await ctx.req.parseBody({ all: true });
    const all = str(body.tat_ca) === "1";
    const unitIds = list(body.don_vi)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n));
    const result = await createTaskAs(
      deps.db,
      actor,
      {
        title: str(body.tieu_de),
        dueDate: str(body.han_ngay),
        dueTime: str(body.han_gio) || null,
        units: all ? "all" : { ids: unitIds },
        noticeId: id,
      },
      {
        now: deps.clock.now(),
        timezone: tz,
        actorLabel: actorLabel(ctx),
        quiet: quietPolicyOf(deps.config, await findCouncilById(deps.db.prisma, actor.councilId)),
      },
    );
    if (!result.ok) {
      if ("notAllowed" in result) return errorPage(ctx, deps, 403, c.notAllowed);
      flash(ctx, "error", result.errors.map((e) => htmlToPlainText(taskTexts.error(e))).join(" "));
    } else {
      flash(ctx, "ok", c.taskCreated(result.value.task.id, result.value.task.title));
    }
    return ctx.redirect(`/thong-bao/${id}#de-xuat`, 303);
  });
}

function unitTable(status: NonNullable<Awaited<ReturnType<typeof noticeDetail>>>["status"], tz: string): Html {
  if (status.units.length === 0) return html`<p class="card muted">${c.none}</p>`;
  return html`<div class="table-wrap"><table><thead><tr><th>${c.colUnit}</th><th>${c.filterStatus}</th><th>${c.nav.notices}</th><th>${c.unitState.acked}</th></tr></thead><tbody>
    ${status.units.map(
      (
        u,
      ) => html`<tr><td>${u.unitName}</td><td><span class="badge ${u.state === "acked" ? "on_time" : u.state === "failed" || u.state === "no_group" ? "missing" : u.state === "pending" ? "not_due" : "late"}">${c.unitState[u.state]}</span></td>
        <td class="small">${u.chats.map(
          (ch) =>
            html`<div>${displayNameOf(ch.platform)} · ${ch.title ?? ch.chatId}: ${c.deliveryState[ch.status] ?? ch.status}${ch.reasonText ? ` – ${ch.reasonText}` : ""}${c.pinState[ch.pin] ? ` · ${c.pinState[ch.pin]}` : ""}</div>`,
        )}</td>
        <td class="small">${u.acks.length === 0 ? c.none : u.acks.map((a) => html`<div>${c.ackBy(a.member, fmt.short(new Date(a.at), tz), c.ackVia[a.via] ?? a.via)}</div>`)}</td></tr>`,
    )}</tbody></table></div>`;
}

/** Presses in a unit's group by people outside that unit, and by people without a unit: apart from the units' own. */
function otherAcksSection(status: NonNullable<Awaited<ReturnType<typeof noticeDetail>>>["status"], tz: string): Html | string {
  if (status.otherAcks.length === 0) return "";
  return html`<h2 id="xac-nhan-khac">${noticeAcks.consoleHeading}</h2><p class="small muted">${noticeAcks.consoleIntro}</p>
    <ul class="card plain">${status.otherAcks.map(
      (a) =>
        html`<li>${noticeAcks.otherLine({ member: a.member, of: a.memberUnit ?? roleName(a.role), chat: a.chatTitle, at: fmt.short(new Date(a.at), tz) })}</li>`,
    )}</ul>`;
}

/** The deadline proposals of a published notice, read again from its text (as the chat flow does right after publishing). */
async function proposals(ctx: WebContext, deps: WebDeps, noticeId: number, body: string, publishedAt: string | null): Promise<Html> {
  const tz = deps.config.timezone;
  const actor = ctx.get("session")!.actor;
  const units = allUnitsOf(await listUnits(deps.db.prisma, actor.councilId, { activeOnly: true }));
  const parsed = draftFromText(body, tz, null, publishedAt ?? undefined).parsed;
  const found: TaskProposal[] = proposeTasks(parsed, units);
  const created = await tasksOfNotice(deps.db.prisma, noticeId);
  if (found.length === 0 && created.length === 0) return html``;
  const byTitle = new Map(created.map((t) => [t.title, t]));
  return html`<section id="de-xuat">
    ${
      created.length > 0
        ? html`<h2>${c.tasksOfNotice}</h2><ul class="card plain">${created.map(
            (t) => html`<li><a href="/bao-cao/yeu-cau/${t.id}">${t.title}</a> – ${c.dueShort} ${fmt.dateTime(t.dueAt, tz)}</li>`,
          )}</ul>`
        : ""
    }
    ${
      found.length > 0
        ? html`<h2>${c.proposalsTitle(found.length)}</h2><p class="muted">${c.proposalsIntro}</p>
      ${found.map((p, i) => {
        const done = byTitle.get(p.title);
        return html`<div class="card proposal"><h3>${i + 1}. ${p.title}</h3>
          <blockquote>${p.quote}</blockquote>
          <p class="small">${c.proposalReading(p.dueReading)}${p.recurrence ? html`<br>${c.proposalRecurrence(p.recurrence)}` : ""}</p>
          ${
            done
              ? html`<p><span class="badge on_time">${c.taskAlready(done.id)}</span></p>`
              : html`<form method="post" action="/thong-bao/${noticeId}/nhiem-vu">${csrfField(ctx.get("csrf"))}
              <label for="tieu_de_${i}">${c.fieldTaskTitle}</label><input type="text" id="tieu_de_${i}" name="tieu_de" value="${p.title}" size="80" maxlength="300">
              <div class="actions">
                <div><label for="han_ngay_${i}">${c.fieldDueDate}</label><input type="date" id="han_ngay_${i}" name="han_ngay" value="${p.due ?? ""}" required></div>
                <div><label for="han_gio_${i}">${c.fieldDueTime}</label><input type="time" id="han_gio_${i}" name="han_gio" value="${p.dueTime ?? ""}"></div>
              </div>
              <fieldset><legend>${c.fieldTaskUnits}</legend>
                <label class="check"><input type="checkbox" name="tat_ca" value="1" data-all-units${p.allUnits ? raw(" checked") : ""}> ${c.allUnits(units.length)}</label>
                <div class="unit-picks">${units.map(
                  (u) =>
                    html`<label class="check"><input type="checkbox" name="don_vi" value="${u.id}" data-unit${!p.allUnits && p.unitIds.includes(u.id) ? raw(" checked") : ""}> ${u.name}</label>`,
                )}</div>
              </fieldset>
              <button type="submit">${c.createTask}</button></form>`
          }</div>`;
      })}`
        : ""
    }
  </section>`;
}
