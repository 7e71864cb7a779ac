/**
 * Danh bạ: units, members (with the chat accounts they linked), groups and invites; CSV imports (the same
 * importers as `council units|members|group import`); invites in bulk for everyone not linked yet, and a
 * printable Vietnamese sheet per member with a QR code of the bot's t.me link (qrcode, rendered as SVG on
 * the server: nothing is fetched from elsewhere).
 */
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import QRCode from "qrcode";
import type { WebContext, WebDeps, WebEnv } from "../context.js";
import { may } from "../../core/permissions.js";
import { createInvitesInBulk, directory, importCsvAs, type CsvKind, type IssuedInvite } from "../../core/directory/console-directory.js";
import { deactivateMember, inviteState, revokeInvite, unlinkMemberAccount, type Remover } from "../../core/access/revoke-access.js";
import { parsePlatformName } from "../../messaging/platform.js";
import { consoleTexts as c } from "../../i18n/vi/console.js";
import { roleName } from "../../i18n/vi/common.js";
import { serverSecret } from "../../files/server-secret.js";
import { csrfField, fmt, options, type Html } from "../views/layout.js";
import { actorLabel, errorPage, flash, idParam, render } from "../respond.js";
import { displayNameOf } from "../../messaging/platform.js";

const TABS = ["thanh-vien", "don-vi", "nhom", "ma-moi", "nhap"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, string> = {
  "thanh-vien": c.tabs.members,
  "don-vi": c.tabs.units,
  nhom: c.tabs.groups,
  "ma-moi": c.tabs.invites,
  nhap: c.tabs.import,
};

export function registerDirectoryRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const tz = deps.config.timezone;
  const allowed = (ctx: WebContext) => may(ctx.get("session")!.actor.role, "manageDirectory");

  app.get("/danh-ba", async (ctx) => {
    if (!allowed(ctx)) return errorPage(ctx, deps, 403, c.notAllowed);
    const actor = ctx.get("session")!.actor;
    const tab: Tab = (TABS as readonly string[]).includes(ctx.req.query("muc") ?? "") ? (ctx.req.query("muc") as Tab) : "thanh-vien";
    const d = await directory(deps.db.prisma, actor.councilId);
    const now = deps.clock.now();
    const unlinked = d.members.filter((m) => m.active && m.identities.length === 0).length;
    const csrf = csrfField(ctx.get("csrf"));
    let content: Html;
    switch (tab) {
      case "don-vi":
        content = table(
          c.unitColumns,
          d.units.map((u) => [
            u.code,
            html`<a href="/bao-cao/don-vi/${u.id}">${u.name}</a>`,
            c.unitKind[u.kind] ?? u.kind,
            u.parent?.name ?? c.none,
            u.active ? c.active : c.inactive,
          ]),
        );
        break;
      case "nhom":
        content = table(
          c.groupColumns,
          d.groups.map((g) => [
            displayNameOf(g.platform),
            g.title ?? g.externalId,
            c.purposes[g.purpose ?? ""] ?? c.none,
            g.unit?.name ?? c.none,
            g.active ? c.active : `${c.inactive}${g.inactiveReason ? ` (${g.inactiveReason})` : ""}`,
          ]),
        );
        break;
      case "ma-moi":
        content = table(
          c.inviteColumns,
          d.invites.map((i) => [
            i.member?.fullName ?? i.fullName ?? c.none,
            roleName(i.role),
            i.unit?.name ?? c.none,
            fmt.short(i.createdAt, tz),
            fmt.short(i.expiresAt, tz),
            c.inviteState[inviteState(i, now)] ?? "",
            inviteState(i, now) === "open"
              ? html`<form method="post" action="/danh-ba/ma-moi/${i.id}/thu-hoi" class="inline" data-confirm="${c.revokeInviteConfirm}">${csrf}<button type="submit" class="link">${c.revokeInvite}</button></form>`
              : "",
          ]),
        );
        break;
      case "nhap":
        content = html`<form method="post" action="/danh-ba/nhap" enctype="multipart/form-data" class="card">${csrf}
          <h2>${c.importTitle}</h2><p class="muted">${c.importExplain}</p>
          <label for="loai">${c.importKind}</label><select id="loai" name="loai">${options(
            (["units", "members", "groups"] as const).map((k) => ({ value: k, label: c.importKinds[k] ?? k })),
            "members",
          )}</select>
          <label for="tep">${c.importFile}</label><input type="file" id="tep" name="tep" accept=".csv,text/csv">
          <p><button type="submit">${c.importButton}</button></p></form>`;
        break;
      default:
        content = html`
          <section class="card"><h2>${c.bulkInvitesTitle}</h2>
            ${
              unlinked > 0
                ? html`<form method="post" action="/danh-ba/ma-moi">${csrf}<p>${c.bulkInvitesExplain(unlinked)}</p><button type="submit">${c.bulkInvitesButton}</button></form>`
                : html`<p class="muted">${c.bulkNone}</p>`
            }
          </section>
          ${table(
            c.memberColumns,
            d.members.map((m) => [
              m.active ? m.fullName : html`<s>${m.fullName}</s> (${c.inactive})`,
              roleName(m.role),
              m.unit?.name ?? c.none,
              m.title ?? c.none,
              m.phone ?? c.none,
              m.identities.length > 0
                ? html`${m.identities.map((i) => {
                    const platform = displayNameOf(i.platform);
                    return html`<span class="account">${platform}${i.username ? ` @${i.username}` : ""}
                      <form method="post" action="/danh-ba/thanh-vien/${m.id}/go-lien-ket" class="inline" data-confirm="${c.unlinkConfirm(m.fullName, platform)}">${csrf}<input type="hidden" name="nen_tang" value="${i.platform}"><button type="submit" class="link">${c.unlink(platform)}</button></form></span>`;
                  })}`
                : html`<span class="muted">${c.notLinked}</span>`,
              m.active
                ? html`<form method="post" action="/danh-ba/ma-moi" class="inline">${csrf}<input type="hidden" name="thanh_vien" value="${m.id}"><button type="submit" class="link">${c.oneInvite}</button></form>
                  ${
                    m.id !== actor.memberId
                      ? html`<form method="post" action="/danh-ba/thanh-vien/${m.id}/ngung-hoat-dong" class="inline" data-confirm="${c.deactivateConfirm(m.fullName)}">${csrf}<button type="submit" class="link danger">${c.deactivate}</button></form>`
                      : ""
                  }`
                : "",
            ]),
          )}`;
    }
    const body = html`<h1>${c.directoryTitle}</h1>
      <nav class="tabs" aria-label="${c.directoryTitle}">${TABS.map(
        (t) => html`<a href="/danh-ba?muc=${t}"${t === tab ? raw(' aria-current="page"') : ""}>${TAB_LABEL[t]}</a>`,
      )}</nav>${content}`;
    return render(ctx, deps, { title: c.directoryTitle, section: "directory", body });
  });

  app.post("/danh-ba/nhap", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const body = await ctx.req.parseBody();
    const kind = (["units", "members", "groups"] as const).find((k) => k === body.loai) as CsvKind | undefined;
    const file = body.tep instanceof File && body.tep.size > 0 ? body.tep : null;
    if (!kind || !file) {
      flash(ctx, "error", c.importNoFile);
      return ctx.redirect("/danh-ba?muc=nhap", 303);
    }
    const result = await importCsvAs(deps.db, actor, kind, Buffer.from(await file.arrayBuffer()), actorLabel(ctx), deps.clock.now(), {
      timezone: deps.config.timezone,
      operatorChat: deps.config.operatorChat,
    });
    if (!result.ok && "notAllowed" in result) return errorPage(ctx, deps, 403, c.notAllowed);
    if (!result.ok) {
      flash(
        ctx,
        "error",
        `${c.importProblems} ${result.problems
          .slice(0, 20)
          .map((p) => c.importLine(p.line, p.message))
          .join("; ")}`,
      );
      return ctx.redirect("/danh-ba?muc=nhap", 303);
    }
    flash(ctx, "ok", c.importDone(result.created, result.updated, result.unchanged));
    return ctx.redirect(kind === "units" ? "/danh-ba?muc=don-vi" : kind === "groups" ? "/danh-ba?muc=nhom" : "/danh-ba", 303);
  });

  const remover = (ctx: WebContext): Remover => ({ kind: "member", actor: ctx.get("session")!.actor, label: actorLabel(ctx) });

  app.post("/danh-ba/ma-moi/:id/thu-hoi", async (ctx) => {
    const inviteId = idParam(ctx.req.param("id"));
    if (inviteId === undefined) return errorPage(ctx, deps, 404, c.notFound);
    const actor = ctx.get("session")!.actor;
    const r = await revokeInvite(deps.db, { councilId: actor.councilId, inviteId, by: remover(ctx), now: deps.clock.now() });
    if (!r.ok && r.reason === "not_allowed") return errorPage(ctx, deps, 403, c.notAllowed);
    if (!r.ok && r.reason === "not_found") return errorPage(ctx, deps, 404, c.notFound);
    flash(ctx, r.ok ? "ok" : "error", r.ok ? c.inviteRevoked : c.inviteNotOpen);
    return ctx.redirect("/danh-ba?muc=ma-moi", 303);
  });

  app.post("/danh-ba/thanh-vien/:id/ngung-hoat-dong", async (ctx) => {
    const memberId = idParam(ctx.req.param("id"));
    if (memberId === undefined) return errorPage(ctx, deps, 404, c.notFound);
    const actor = ctx.get("session")!.actor;
    const r = await deactivateMember(deps.db, { councilId: actor.councilId, memberId, by: remover(ctx), now: deps.clock.now() });
    if (!r.ok && r.reason === "not_allowed") return errorPage(ctx, deps, 403, c.notAllowed);
    if (!r.ok && r.reason === "not_found") return errorPage(ctx, deps, 404, c.memberNotFound);
    if (r.ok) flash(ctx, "ok", c.deactivated(r.fullName, r.accounts.length));
    else flash(ctx, "error", r.reason === "self" ? c.deactivateSelf : c.alreadyInactive);
    return ctx.redirect("/danh-ba", 303);
  });

  app.post("/danh-ba/thanh-vien/:id/go-lien-ket", async (ctx) => {
    const memberId = idParam(ctx.req.param("id"));
    const body = await ctx.req.parseBody();
    const platform = typeof body.nen_tang === "string" ? parsePlatformName(body.nen_tang) : undefined;
    if (memberId === undefined || !platform) return errorPage(ctx, deps, 404, c.notFound);
    const actor = ctx.get("session")!.actor;
    const r = await unlinkMemberAccount(deps.db, {
      councilId: actor.councilId,
      memberId,
      platform,
      by: remover(ctx),
      now: deps.clock.now(),
    });
    if (!r.ok && r.reason === "not_allowed") return errorPage(ctx, deps, 403, c.notAllowed);
    if (!r.ok && r.reason === "not_found") return errorPage(ctx, deps, 404, c.memberNotFound);
    if (r.ok) flash(ctx, "ok", c.unlinked(r.fullName, displayNameOf(platform)));
    else flash(ctx, "error", c.notLinkedThere);
    return ctx.redirect("/danh-ba", 303);
  });

  // The codes exist only in this response (the database keeps their hashes): the sheet is shown at once.
  app.post("/danh-ba/ma-moi", async (ctx) => {
    const actor = ctx.get("session")!.actor;
    const body = await ctx.req.parseBody();
    const one = idParam(typeof body.thanh_vien === "string" ? body.thanh_vien : undefined);
    const result = await createInvitesInBulk(deps.db, actor, {
      ...(one !== undefined ? { memberIds: [one] } : {}),
      ttlDays: deps.config.inviteTtlDays,
      now: deps.clock.now(),
      actorLabel: actorLabel(ctx),
      secret: serverSecret(deps.config),
    });
    if (!result.ok) return errorPage(ctx, deps, 403, c.notAllowed);
    const cards = await Promise.all(result.invites.map((i) => inviteCard(deps, i)));
    ctx.header("Cache-Control", "no-store");
    const content = html`<div class="no-print"><h1>${c.sheetTitle}</h1>
      <p>${c.sheetCount(result.invites.length)}${result.skipped > 0 ? ` ${c.sheetSkipped(result.skipped)}` : ""}</p>
      <p class="actions"><button type="button" data-print>${c.sheetPrint}</button> <a href="/danh-ba">${c.sheetBack}</a></p></div>
      <div class="sheet">${cards}</div>`;
    return render(ctx, deps, { title: c.sheetTitle, section: "directory", body: content, printable: true });
  });

  async function inviteCard(d: WebDeps, i: IssuedInvite): Promise<Html> {
    // The first running platform with a link that opens the bot and sends the code (Telegram's t.me link).
    const link = Object.values(d.platforms).reduce<string | null>((found, p) => found ?? p.deepLink(i.code), null);
    const qr = link ? await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : null;
    return html`<article class="invite">
      <h2>${c.sheetHeading}</h2>
      ${qr ? html`<div class="qr" aria-label="QR">${raw(qr)}</div>` : ""}
      <p class="who">${c.sheetTo(i.fullName)}</p>
      <p>${c.sheetRole(roleName(i.role))}${i.unitName ? html`<br>${c.sheetUnit(i.unitName)}` : ""}</p>
      <p>${c.sheetCode}: <span class="code">${i.code}</span></p>
      <ol><li>${c.sheetStep1(qr !== null)}</li><li>${c.sheetStep2(i.code)}</li><li>${c.sheetStep3}</li></ol>
      <p class="small">${c.sheetZalo}<br>${c.sheetValid(fmt.dateTime(i.expiresAt, tz))}</p>
      ${link ? html`<p class="small muted">${link}</p>` : ""}
    </article>`;
  }
}

function table(headers: readonly string[], rows: (string | Html)[][]): Html {
  return html`<div class="table-wrap"><table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
    ${rows.map((r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}
