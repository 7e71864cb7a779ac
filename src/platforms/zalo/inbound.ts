/**
 * zca-js listener events translated into the core's platform-neutral inbound events.
 *
 * - The account's own messages (`isSelf`, e.g. the bot's echo, or the office typing on the phone that
 *   holds the council's account) are ignored.
 * - "/name args" is a command; other text is text (with `replyToMessageId` when it quotes a message).
 * - A reply quoting one of the bot's numbered menus (remembered by the sender) with a number ("2", "số 2")
 *   or the words of an item becomes a `choice` with that item's data: this is how menus outside a guided
 *   step work on Zalo (Telegram would show buttons). A bare number without a quote is left as text: the
 *   flow engine matches it against the person's current question itself.
 * - Photos and files arrive as links: a `file` event whose fileId is the URL. Stickers, voice, video,
 *   locations, contact cards and polls are `unsupported`.
 * - Reactions, recalls ("undo") and group membership changes map to reaction, recall, bot_added /
 *   bot_removed and members_joined / member_left.
 * Event keys are `zl:<msgId>` (or `zl:<kind>:<id>`), so a redelivered event is handled once.
 */
import {
  GroupEventType,
  ThreadType,
  type GroupEvent,
  type GroupMessage,
  type Reaction,
  type TGroupEventBase,
  type Undo,
  type UserMessage,
} from "zca-js";
import type { ChatRef, IncomingFile, InboundEvent, UserRef } from "../../messaging/events.js";
import type { MenuChoice } from "../../db/menus.js";
import { matchTypedChoice } from "../../flows/engine.js";

export interface InboundContext {
  /** the council account's own Zalo user id */
  ownId: string;
  /** a numbered menu the bot sent in this chat as this message, if remembered */
  findMenu(chatExternalId: string, messageId: string): Promise<MenuChoice[] | null>;
  /** the group's name, when it can be learnt (best effort) */
  groupTitle?(groupId: string): Promise<string | undefined>;
}

type ZaloMessage = UserMessage | GroupMessage;

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/;

/** Zalo's reaction codes for the common reactions, as emoji (others pass through as Zalo's code). */
const REACTION_EMOJI: Record<string, string> = {
  "/-strong": "👍",
  "/-heart": "❤️",
  "/-ok": "👌",
  "/-thanks": "🙏",
  "_()_": "🙏",
  ":>": "😆",
  ":o": "😮",
  ":-((": "😢",
  ":-h": "😡",
  "/-rose": "🌹",
  "/-weak": "👎",
  "/-handclap": "👏",
  ":handclap": "👏",
};

export const reactionEmoji = (code: string): string => REACTION_EMOJI[code] ?? code;

function userRef(id: string, name: string | undefined): UserRef {
  return { platform: "zalo", id, displayName: name?.trim() || id };
}

async function chatRef(threadId: string, isGroup: boolean, ctx: InboundContext, title?: string): Promise<ChatRef> {
  if (!isGroup) return { platform: "zalo", id: threadId, kind: "private" };
  const name = title ?? (await ctx.groupTitle?.(threadId).catch(() => undefined));
  return { platform: "zalo", id: threadId, kind: "group", ...(name ? { title: name } : {}) };
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : undefined;

function parseParams(raw: unknown): Record<string, unknown> {
  if (typeof raw === "object" && raw !== null) return raw as Record<string, unknown>;
  if (typeof raw !== "string" || raw === "") return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  txt: "text/plain",
  csv: "text/csv",
  zip: "application/zip",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
};

/** Removes a leading "@Bot" mention of the council's account ("@Văn phòng HĐND /dangky"). */
function stripOwnMention(message: ZaloMessage, text: string, ownId: string): string {
  if (message.type !== ThreadType.Group) return text;
  const mention = (message.data.mentions ?? []).find((m) => String(m.uid) === ownId && m.pos === 0);
  return mention ? text.slice(mention.len).trimStart() : text;
}

export async function messageToEvent(message: ZaloMessage, ctx: InboundContext): Promise<InboundEvent | null> {
  const data = message.data;
  if (message.isSelf || String(data.uidFrom) === ctx.ownId) return null;
  const id = str(data.msgId) ?? str(data.cliMsgId);
  if (!id) return null;
  const isGroup = message.type === ThreadType.Group;
  const chat = await chatRef(String(message.threadId), isGroup, ctx);
  const user = userRef(String(data.uidFrom), data.dName);
  const eventKey = `zl:${id}`;
  const messageId = id;
  const content = data.content;

  if (typeof content === "string") {
    const text = stripOwnMention(message, content, ctx.ownId);
    const command = COMMAND.exec(text.trim());
    if (command)
      return { type: "command", eventKey, chat, user, command: command[1]!.toLowerCase(), args: (command[2] ?? "").trim(), messageId };
    const quote = data.quote;
    const quotedId = quote ? str(quote.globalMsgId) : undefined;
    if (quote && quotedId && String(quote.ownerId) === ctx.ownId) {
      const menu = await ctx.findMenu(chat.id, quotedId);
      if (menu && menu.length > 0) {
        const match = matchTypedChoice(
          text,
          menu.map((c) => [{ label: c.label, value: c.data }]),
        );
        if (match.kind === "choice")
          return { type: "choice", eventKey, chat, user, data: match.value, messageId: quotedId, typedMessageId: messageId };
      }
    }
    return { type: "text", eventKey, chat, user, text, messageId, ...(quotedId ? { replyToMessageId: quotedId } : {}) };
  }

  const attachment = (typeof content === "object" && content !== null ? content : {}) as Record<string, unknown>;
  const params = parseParams(attachment.params);
  const href = str(attachment.href) ?? str(params.hd) ?? str(params.rawUrl);
  switch (data.msgType) {
    case "chat.photo": {
      if (!href) return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
      const caption = str(attachment.title) ?? str(attachment.description);
      const size = Number(params.fileSize ?? params.hdSize ?? 0);
      const file: IncomingFile = { fileId: href, kind: "photo", mime: "image/jpeg", ...(size > 0 ? { size } : {}) };
      return { type: "file", eventKey, chat, user, messageId, file, ...(caption ? { caption } : {}) };
    }
    case "share.file": {
      if (!href) return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
      const fileName = str(attachment.title);
      const ext = (str(params.fileExt) ?? /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? "")?.[1] ?? "").toLowerCase();
      const size = Number(params.fileSize ?? 0);
      const mime = MIME_BY_EXTENSION[ext];
      const file: IncomingFile = {
        fileId: href,
        kind: "document",
        ...(fileName ? { fileName } : {}),
        ...(mime ? { mime } : {}),
        ...(size > 0 ? { size } : {}),
      };
      return { type: "file", eventKey, chat, user, messageId, file };
    }
    case "chat.recommended":
    case "chat.link": {
      // A shared link is text to the core; a shared contact card is not.
      if (/user/i.test(str(attachment.action) ?? "")) return { type: "unsupported", eventKey, chat, user, what: "contact", messageId };
      const text = str(attachment.href) ?? str(attachment.title);
      if (text) return { type: "text", eventKey, chat, user, text, messageId };
      return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
    }
    case "chat.sticker":
      return { type: "unsupported", eventKey, chat, user, what: "sticker", messageId };
    case "chat.voice":
      return { type: "unsupported", eventKey, chat, user, what: "voice", messageId };
    case "chat.video.msg":
    case "chat.gif":
      return { type: "unsupported", eventKey, chat, user, what: "video", messageId };
    case "chat.location.new":
      return { type: "unsupported", eventKey, chat, user, what: "location", messageId };
    case "group.poll":
      return { type: "unsupported", eventKey, chat, user, what: "poll", messageId };
    default:
      return { type: "unsupported", eventKey, chat, user, what: "other", messageId };
  }
}

export async function reactionToEvent(reaction: Reaction, ctx: InboundContext): Promise<InboundEvent | null> {
  const data = reaction.data;
  if (reaction.isSelf || String(data.uidFrom) === ctx.ownId) return null;
  const icon = data.content?.rIcon;
  const target = data.content?.rMsg?.[0];
  const targetId = str(target?.gMsgID);
  if (!icon || !targetId) return null; // "" removes a reaction
  const id = str(data.msgId) ?? str(data.cliMsgId) ?? `${targetId}:${data.uidFrom}:${data.ts}`;
  return {
    type: "reaction",
    eventKey: `zl:react:${id}`,
    chat: await chatRef(String(reaction.threadId), reaction.isGroup, ctx),
    user: userRef(String(data.uidFrom), data.dName),
    messageId: targetId,
    reaction: reactionEmoji(icon),
  };
}

export async function undoToEvent(undo: Undo, ctx: InboundContext): Promise<InboundEvent | null> {
  const data = undo.data;
  if (undo.isSelf || String(data.uidFrom) === ctx.ownId) return null;
  const recalled = str(data.content?.globalMsgId);
  const id = str(data.msgId) ?? str(data.cliMsgId);
  if (!recalled || !id) return null;
  return {
    type: "recall",
    eventKey: `zl:undo:${id}`,
    chat: await chatRef(String(undo.threadId), undo.isGroup, ctx),
    user: userRef(String(data.uidFrom), data.dName),
    messageId: recalled,
  };
}

const JOINED = new Set<string>([GroupEventType.JOIN]);
const LEFT = new Set<string>([GroupEventType.LEAVE, GroupEventType.REMOVE_MEMBER, GroupEventType.BLOCK_MEMBER]);

/** Membership changes; the account's own arrival or removal becomes bot_added / bot_removed. */
export async function groupEventToEvents(event: GroupEvent, ctx: InboundContext): Promise<InboundEvent[]> {
  if (!JOINED.has(event.type) && !LEFT.has(event.type)) return [];
  const data = event.data as TGroupEventBase;
  const groupId = String(event.threadId ?? data.groupId);
  const members = (data.updateMembers ?? []).map((m) => ({ id: String(m.id), name: m.dName }));
  if (!groupId || members.length === 0) return [];
  const chat = await chatRef(groupId, true, ctx, data.groupName || undefined);
  const base = `zl:grp:${groupId}:${event.act}:${data.time ?? ""}`;
  const source = data.sourceId && String(data.sourceId) !== ctx.ownId ? String(data.sourceId) : undefined;
  const actor = source ? userRef(source, members.find((m) => m.id === source)?.name) : undefined;
  const self = members.some((m) => m.id === ctx.ownId);
  const others = members.filter((m) => m.id !== ctx.ownId);
  const events: InboundEvent[] = [];
  if (JOINED.has(event.type)) {
    if (self) events.push({ type: "bot_added", eventKey: `${base}:self`, chat, joined: true, ...(actor ? { by: actor } : {}) });
    if (others.length > 0)
      events.push({
        type: "members_joined",
        eventKey: `${base}:${others.map((m) => m.id).join(",")}`,
        chat,
        users: others.map((m) => userRef(m.id, m.name)),
      });
    return events;
  }
  if (self) events.push({ type: "bot_removed", eventKey: `${base}:self`, chat, ...(actor ? { by: actor } : {}) });
  for (const m of others) events.push({ type: "member_left", eventKey: `${base}:${m.id}`, chat, user: userRef(m.id, m.name) });
  return events;
}
