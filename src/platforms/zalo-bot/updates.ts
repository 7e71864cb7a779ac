/**
 * Zalo Bot Platform updates translated into the core's platform-neutral inbound events.
 *
 * - `message.text.received`: "/name args" is a command, other text is text. The platform has no
 *   buttons and no quoted replies, so a bare number ("2", "số 2") answers the numbered list the bot sent
 *   last in that chat, when that list was the bot's last message there and offered actions outside a
 *   guided step (a guided step matches typed numbers and words itself): it becomes a `choice`.
 * - `message.image.received`: a photo; its file id is the image's URL (downloaded by the attachment fetcher).
 * - stickers and anything else: `unsupported`, so a guided step can say what it accepts.
 * Event keys are `zb:<message_id>`, so an update delivered twice (polling after a webhook, a retried
 * webhook call) is handled once.
 */
import type { MenuChoice } from "../../db/menus.js";
import { isFlowChoice, matchTypedChoice } from "../../flows/engine.js";
import type { ChatRef, InboundEvent, UserRef } from "../../messaging/events.js";
import type { ZaloBotMessage, ZaloBotUpdate } from "./api.js";

export const PLATFORM = "zalo_bot";

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/;

export interface UpdateContext {
  /** the bot's own id (its own messages are ignored) */
  botId: string;
  /** the numbered list the bot sent last in this chat, when its last message there was a list */
  latestMenu(chatId: string): Promise<MenuChoice[] | null>;
}

function userRef(m: ZaloBotMessage): UserRef {
  const name = (m.from.display_name ?? m.from.first_name ?? m.from.name ?? "").trim();
  return { platform: PLATFORM, id: String(m.from.id), displayName: name || String(m.from.id) };
}

function chatRef(m: ZaloBotMessage): ChatRef {
  const group = String(m.chat.chat_type).toUpperCase() === "GROUP";
  return {
    platform: PLATFORM,
    id: String(m.chat.id),
    kind: group ? "group" : "private",
    ...(group && m.chat.title ? { title: m.chat.title } : {}),
  };
}

export async function updateToEvent(update: ZaloBotUpdate, ctx: UpdateContext): Promise<InboundEvent | null> {
  const m = update.message;
  if (!m?.message_id || !m.chat?.id || !m.from?.id) return null;
  if (String(m.from.id) === ctx.botId || m.from.is_bot === true) return null;
  const chat = chatRef(m);
  const user = userRef(m);
  const eventKey = `zb:${m.message_id}`;
  const messageId = String(m.message_id);
  const name = update.event_name ?? (m.text !== undefined ? "message.text.received" : "");

  if (name === "message.text.received" && typeof m.text === "string") {
    const text = m.text.trim();
    const cmd = COMMAND.exec(text);
    if (cmd) return { type: "command", eventKey, chat, user, command: cmd[1]!.toLowerCase(), args: (cmd[2] ?? "").trim(), messageId };
    const menu = await ctx.latestMenu(chat.id);
    if (menu && menu.length > 0 && !menu.every((c) => isFlowChoice(c.data))) {
      // Numbers only: words are too easily meant as text (the list may be old news to this person).
      const match = matchTypedChoice(text, [menu.map((c) => ({ label: c.label, value: c.data }))]);
      // A guided step's own choice is left as text: the flow engine matches it against its current question.
      if (match.kind === "choice" && /\d/.test(text) && !isFlowChoice(match.value))
        return { type: "choice", eventKey, chat, user, data: match.value, messageId };
    }
    return { type: "text", eventKey, chat, user, text: m.text, messageId };
  }
  if (name === "message.image.received") {
    const url = m.photo_url ?? m.photo;
    if (!url) return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
    return {
      type: "file",
      eventKey,
      chat,
      user,
      file: { fileId: url, kind: "photo", mime: "image/jpeg" },
      ...(m.caption ? { caption: m.caption } : {}),
      messageId,
    };
  }
  if (name === "message.sticker.received") return { type: "unsupported", eventKey, chat, user, what: "sticker", messageId };
  return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
}
