/**
 * The sandbox's page, rendered on the server: personas (one click switches), the persona's groups and
 * private chat, the open chat's messages with their buttons and files, the message box, and the clock and
 * reset controls. The small script (assets/sandbox.js) only submits forms in the background and redraws
 * the page's parts when the server says something changed; without it the forms still work.
 */
import { html, raw } from "hono/html";
import { formatDateTime, formatShortDateTime } from "../../domain/time/vietnamese-format.js";
import { localDateOf, localTimeOf } from "../../domain/time/vietnam-time.js";
import { sandboxTexts as t } from "../../i18n/vi/sandbox.js";
import type { Choice } from "../../messaging/outbound.js";
import { renderBotHtml } from "./sanitize.js";
import type { Persona, SandboxChat, SandboxMessage } from "./store.js";

type Html = ReturnType<typeof html>;

export interface PageModel {
  personas: Persona[];
  persona: Persona;
  chats: (SandboxChat & { last: SandboxMessage | undefined })[];
  chat: SandboxChat | undefined;
  messages: SandboxMessage[];
  now: Date;
  timezone: string;
  consoleUrl: string | undefined;
  assetVersion: string;
  flash: string | null;
}

const q = (persona: string, chat?: string): string =>
  `/sandbox?p=${encodeURIComponent(persona)}${chat ? `&c=${encodeURIComponent(chat)}` : ""}`;

const senderName = (m: SandboxMessage, personas: Persona[]): string =>
  m.sender === "bot" ? t.botName : m.sender === "system" ? t.systemName : (personas.find((p) => p.id === m.sender)?.name ?? m.sender);

function preview(m: SandboxMessage | undefined): string {
  if (!m) return "";
  const text = m.html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  const shown = text || (m.file ? `📎 ${m.file.name}` : "");
  return shown.length > 70 ? `${shown.slice(0, 69)}…` : shown;
}

function choicesOf(m: SandboxMessage, persona: Persona): Html {
  if (!m.choices) return html``;
  const button = (c: Choice): Html => {
    if (c.kind === "url") {
      // The bot's link to its private chat ("/sandbox?start=..."): followed as the persona on this page.
      const local = c.url.startsWith("/sandbox?start=");
      return local
        ? html`<a class="choice" href="${c.url}&amp;p=${encodeURIComponent(persona.id)}">${c.label}</a>`
        : html`<a class="choice" href="${c.url}" target="_blank" rel="noopener noreferrer">${c.label} ↗</a>`;
    }
    return html`<form method="post" action="/sandbox/press" class="choice-form">
<input type="hidden" name="p" value="${persona.id}"><input type="hidden" name="m" value="${String(m.id)}"><input type="hidden" name="d" value="${c.data}">
<button type="submit" class="choice">${c.label}</button></form>`;
  };
  return html`<div class="choices">${m.choices.map((row) => html`<div class="choice-row">${row.map(button)}</div>`)}</div>`;
}

function fileOf(m: SandboxMessage): Html {
  if (!m.file) return html``;
  const href = `/sandbox/files/${m.file.id}`;
  const size =
    m.file.size >= 1024 * 1024 ? `${(m.file.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(m.file.size / 1024))} KB`;
  return html`${m.file.kind === "photo" ? html`<img class="photo" src="${href}" alt="${m.file.name}">` : ""}
<a class="file" href="${href}" download="${m.file.name}"><span class="file-icon">📎</span><span class="file-name">${m.file.name}</span><span class="file-size">${size} · ${t.download}</span></a>`;
}

function messageOf(m: SandboxMessage, model: PageModel): Html {
  const mine = m.sender === model.persona.id;
  const kind = m.sender === "system" ? "system" : m.sender === "bot" ? "bot" : mine ? "mine" : "person";
  const quoted = m.replyTo !== null ? model.messages.find((x) => x.id === m.replyTo) : undefined;
  const body = m.sender === "bot" ? raw(renderBotHtml(m.html)) : raw(m.html);
  return html`<li class="msg ${kind}" id="m${String(m.id)}" data-id="${String(m.id)}">
<div class="bubble">${kind === "mine" || kind === "system" ? "" : html`<div class="from">${senderName(m, model.personas)}</div>`}${
    quoted ? html`<div class="quote"><b>${senderName(quoted, model.personas)}</b> ${preview(quoted)}</div>` : ""
  }${fileOf(m)}${m.html ? html`<div class="text">${body}</div>` : ""}${choicesOf(m, model.persona)}
<div class="meta">${m.pinned ? html`<span class="pin">${t.pinnedShort}</span> · ` : ""}${m.edited ? `${t.edited} · ` : ""}${formatShortDateTime(new Date(m.at), model.timezone)}</div></div></li>`;
}

function personaList(model: PageModel): Html {
  const groups: [string, Persona[]][] = [
    [t.roles.office, model.personas.filter((p) => p.role === "office")],
    [t.roles.standing, model.personas.filter((p) => p.role === "standing")],
    [t.roles.vice_chair, model.personas.filter((p) => p.role === "vice_chair")],
  ];
  return html`<nav class="personas" aria-label="${t.switchPersona}"><h2>${t.switchPersona}</h2>${groups.map(
    ([label, list]) =>
      html`<h3>${label}</h3><ul>${list.map(
        (p) =>
          html`<li><a class="persona${p.id === model.persona.id ? " current" : ""}" href="${q(p.id)}" data-persona="${p.id}"><span class="name">${p.name}</span><span class="title">${p.title}</span></a></li>`,
      )}</ul>`,
  )}</nav>`;
}

/** "HĐND xã Phổ An" -> "PA": the group's own name, without the council's prefix. */
const initials = (title: string): string =>
  title
    .replace(/^HĐND\s+(xã|phường|thị xã)\s+/i, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");

function chatList(model: PageModel): Html {
  return html`<nav class="chats" id="chats" aria-label="${t.groupsHeading}">
<div class="acting"><span class="label">${t.actingAs}</span> <b>${model.persona.name}</b><span class="title">${model.persona.title}</span>${
    model.persona.inviteCode
      ? html`<div class="invite">${t.inviteLabel}: <code id="invite-code">${model.persona.inviteCode}</code></div>`
      : ""
  }</div>
<ul>${model.chats.map(
    (
      c,
    ) => html`<li><a class="chat${c.id === model.chat?.id ? " current" : ""}${c.kind === "private" ? " private" : ""}" href="${q(model.persona.id, c.id)}" data-chat="${c.id}" data-last="${String(c.last?.id ?? 0)}">
<span class="avatar">${c.kind === "private" ? "Bot" : initials(c.title)}</span>
<span class="chat-text"><span class="chat-title">${c.kind === "private" ? t.privateChatTitle : c.title}</span><span class="chat-last">${preview(c.last)}</span></span>
<span class="chat-time">${c.last ? formatShortDateTime(new Date(c.last.at), model.timezone).split(" ")[0] : ""}<span class="badge">${t.unread}</span></span></a></li>`,
  )}</ul></nav>`;
}

function conversation(model: PageModel): Html {
  const chat = model.chat;
  if (!chat) return html`<section class="conversation empty-state"><p>${t.noChat}</p></section>`;
  const pinned = [...model.messages].reverse().find((m) => m.pinned);
  const p = model.persona.id;
  return html`<section class="conversation" id="conversation" data-chat="${chat.id}">
<header class="conv-head"><h1>${chat.kind === "private" ? t.privateChatTitle : chat.title}</h1>${
    pinned ? html`<a class="pinned" href="#m${String(pinned.id)}"><b>${t.pinned}:</b> ${preview(pinned)}</a>` : ""
  }</header>
<ol class="messages" id="messages">${model.messages.length === 0 ? html`<li class="msg system"><div class="bubble">${t.empty}</div></li>` : ""}${model.messages.map((m) => messageOf(m, model))}</ol>
<footer class="composer">
<form method="post" action="/sandbox/say" class="say" id="say-form">
<input type="hidden" name="p" value="${p}"><input type="hidden" name="c" value="${chat.id}">
<input type="text" name="text" id="say-text" autocomplete="off" placeholder="${t.messagePlaceholder}" aria-label="${t.messagePlaceholder}">
<button type="submit" class="primary">${t.send}</button>
</form>
<details class="attach"><summary>📎 ${t.attach}</summary>
<form method="post" action="/sandbox/attach" enctype="multipart/form-data" class="attach-form" id="attach-form">
<input type="hidden" name="p" value="${p}"><input type="hidden" name="c" value="${chat.id}">
<input type="file" name="file" id="attach-file" aria-label="${t.attach}">
<input type="text" name="caption" placeholder="${t.captionPlaceholder}" aria-label="${t.captionPlaceholder}">
<button type="submit">${t.sendFile}</button>
</form>
<form method="post" action="/sandbox/attach-sample" class="attach-form" id="attach-sample-form">
<input type="hidden" name="p" value="${p}"><input type="hidden" name="c" value="${chat.id}">
<button type="submit">${t.attachSample}</button>
</form>
</details>
</footer>
</section>`;
}

function controls(model: PageModel): Html {
  const at = `${localDateOf(model.now, model.timezone)}T${localTimeOf(model.now, model.timezone)}`;
  const p = model.persona.id;
  const c = model.chat?.id ?? "";
  return html`<aside class="controls" id="controls">
<div class="clock"><span class="label">${t.clockHeading}</span> <b id="clock-now">${formatDateTime(model.now, model.timezone)}</b></div>
<form method="post" action="/sandbox/jump" class="jump" id="jump-form">
<input type="hidden" name="p" value="${p}"><input type="hidden" name="c" value="${c}">
<label>${t.jumpLabel} <input type="datetime-local" name="at" id="jump-at" value="${at}"></label>
<button type="submit" name="go" value="at">${t.jumpTo}</button>
<button type="submit" name="plus" value="3600">${t.plusHour}</button>
<button type="submit" name="plus" value="86400">${t.plusDay}</button>
<button type="submit" name="plus" value="604800">${t.plusWeek}</button>
</form>
${model.consoleUrl ? html`<a class="console-link" href="${model.consoleUrl}" target="_blank" rel="noopener" title="${t.consoleHint}">${t.consoleLink} ↗</a>` : ""}
<form method="post" action="/sandbox/reset" class="reset" data-confirm="${t.resetConfirm}">
<input type="hidden" name="p" value="${p}">
<button type="submit" class="danger">${t.reset}</button>
</form>
</aside>`;
}

export function renderPage(model: PageModel): Html {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${t.pageTitle}</title>
<link rel="stylesheet" href="/sandbox/assets/sandbox.css?v=${model.assetVersion}">
<script src="/sandbox/assets/sandbox.js?v=${model.assetVersion}" defer></script>
</head>
<body data-persona="${model.persona.id}" data-chat="${model.chat?.id ?? ""}">
<header class="topbar"><span class="brand">${t.brand}</span><span class="warning">${t.notice}</span></header>
${controls(model)}
<div class="flash" id="flash" role="status">${model.flash ?? ""}</div>
<main class="app">
${personaList(model)}
${chatList(model)}
${conversation(model)}
</main>
</body>
</html>`;
}
