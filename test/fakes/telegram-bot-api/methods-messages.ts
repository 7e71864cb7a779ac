/**
 * Bot API methods that create or change messages: sendMessage, sendDocument, sendPhoto,
 * sendMediaGroup, editMessageText / ReplyMarkup / Caption, deleteMessage, pin/unpin.
 *
 * Order inside a sending method: chat checks (400 migrated / chat not found, 403), validation
 * (400), rate limits (429), then delivery. Random faults (5xx, resets) are decided before the
 * handler runs, in dispatch.ts.
 */
import type { CallContext, Handler } from "./call-context.js";
import { checkText, type TextCheck } from "./html-entities.js";
import { imageSize, type FileKind, type StoredFile } from "./files.js";
import { ApiError, Params } from "./params.js";
import type { ChatState, FakeState, StoredMessage } from "./state.js";
import type { SendMethod, SentFileInfo, TgInlineKeyboardMarkup, TgMessage, TgMessageEntity } from "./types.js";

const bad = ApiError.badRequest;

// --- reply markup --------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkButtonUrl(url: string): void {
  let ok = false;
  try {
    const u = new URL(url);
    ok = ["http:", "https:", "tg:", "ton:"].includes(u.protocol) && (u.protocol === "tg:" || u.hostname.length > 0);
  } catch {
    ok = false;
  }
  if (!ok) throw bad(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
}

const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

function validateInlineKeyboard(markup: Record<string, unknown>): TgInlineKeyboardMarkup {
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  for (const row of rows) {
    if (!Array.isArray(row)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) {
      if (!isObject(button)) throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof button.text !== "string") {
        throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
      }
      const actions = BUTTON_ACTIONS.filter((k) => button[k] !== undefined);
      if (actions.length === 0) {
        throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      if (button.callback_data !== undefined) {
        if (typeof button.callback_data !== "string") {
          throw bad('can\'t parse inline keyboard button: Field "callback_data" must be of type String');
        }
        const bytes = Buffer.byteLength(button.callback_data, "utf8");
        if (bytes < 1 || bytes > 64) throw bad("BUTTON_DATA_INVALID");
      }
      if (button.url !== undefined) {
        if (typeof button.url !== "string") throw bad('can\'t parse inline keyboard button: Field "url" must be of type String');
        checkButtonUrl(button.url);
      }
    }
  }
  return markup as unknown as TgInlineKeyboardMarkup;
}

/** Validates reply_markup; returns it (parsed), or undefined when absent. */
export function readReplyMarkup(params: Params): Record<string, unknown> | undefined {
  const v = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  if (v === undefined) return undefined;
  if (!isObject(v)) throw bad("can't parse reply keyboard markup JSON object");
  if (v.inline_keyboard !== undefined) return validateInlineKeyboard(v) as unknown as Record<string, unknown>;
  if (v.keyboard !== undefined) {
    if (!Array.isArray(v.keyboard) || !v.keyboard.every((r) => Array.isArray(r))) {
      throw bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    }
    return v;
  }
  if (v.remove_keyboard !== undefined || v.force_reply !== undefined) return v;
  throw bad("can't parse reply keyboard markup JSON object");
}

function inlineOnly(markup: Record<string, unknown> | undefined): TgInlineKeyboardMarkup | undefined {
  return markup && markup.inline_keyboard !== undefined ? (markup as unknown as TgInlineKeyboardMarkup) : undefined;
}

// --- shared helpers ------------------------------------------------------------------------------

function textOrThrow(check: TextCheck): Extract<TextCheck, { ok: true }> {
  if (!check.ok) throw new ApiError(400, check.description);
  return check;
}

function readEntities(params: Params, name: string): TgMessageEntity[] | undefined {
  const v = params.json(name, `can't parse ${name} JSON object`);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw bad(`field "${name}" must be an Array`);
  return v as TgMessageEntity[];
}

function checkMessageText(
  state: FakeState,
  params: Params,
  field: "text" | "caption",
  entitiesField: string,
): Extract<TextCheck, { ok: true }> | undefined {
  const raw = params.string(field);
  if (field === "caption" && raw === undefined) return undefined;
  const entities = readEntities(params, entitiesField);
  return textOrThrow(
    checkText(raw, params.string("parse_mode"), field, {
      strictAmpersand: state.strictHtml,
      ...(entities ? { entities } : {}),
    }),
  );
}

function shallowMessage(m: TgMessage): TgMessage {
  const { reply_to_message: _drop, ...rest } = m;
  return rest;
}

/** reply_to_message_id / reply_parameters: the message replied to, or undefined. */
function readReply(state: FakeState, chat: ChatState, params: Params): StoredMessage | undefined {
  let messageId = params.int("reply_to_message_id");
  let allowWithout = params.bool("allow_sending_without_reply") ?? false;
  let replyChat = chat;
  const rp = params.json("reply_parameters", "can't parse reply parameters JSON object");
  if (rp !== undefined) {
    if (!isObject(rp) || typeof rp.message_id !== "number") throw bad("can't parse reply parameters JSON object");
    messageId = rp.message_id;
    if (rp.allow_sending_without_reply === true) allowWithout = true;
    if (rp.chat_id !== undefined) replyChat = state.resolveChat(rp.chat_id);
  }
  if (messageId === undefined) return undefined;
  const target = replyChat.messages.get(messageId);
  if (!target || target.record?.deleted) {
    if (allowWithout) return undefined;
    throw bad("message to be replied not found");
  }
  return target;
}

interface Common {
  chat: ChatState;
  replyTo: StoredMessage | undefined;
  markup: Record<string, unknown> | undefined;
  disableNotification: boolean | undefined;
}

function readCommon(ctx: CallContext): Common {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  return {
    chat,
    markup: readReplyMarkup(params),
    replyTo: readReply(state, chat, params),
    disableNotification: params.bool("disable_notification"),
  };
}

function newBotMessage(state: FakeState, common: Common): TgMessage {
  const message: TgMessage = {
    message_id: state.nextMessageId(common.chat.chat.id),
    from: { ...state.bot },
    chat: { ...common.chat.chat },
    date: state.date(),
  };
  if (common.replyTo) message.reply_to_message = shallowMessage(common.replyTo.message);
  return message;
}

function fileInfo(file: StoredFile, byFileId: boolean): SentFileInfo {
  const info: SentFileInfo = {
    size: file.size,
    sha256: file.sha256,
    fileId: file.fileId,
    fileUniqueId: file.fileUniqueId,
    byFileId,
  };
  if (file.fileName !== undefined) info.fileName = file.fileName;
  if (file.mimeType !== undefined) info.mimeType = file.mimeType;
  return info;
}

const KIND_NAME: Record<FileKind, string> = { document: "Document", photo: "Photo", sticker: "Sticker", voice: "Voice" };

/**
 * The file of a sending call: an uploaded part (field name, or "attach://name"), or an existing
 * file_id. Returns the stored file (new for uploads).
 */
function readInputFile(
  ctx: CallContext,
  value: unknown,
  field: string,
  kind: "document" | "photo",
): { file: StoredFile; byFileId: boolean } {
  const { state, params } = ctx;
  let upload = params.files.get(field);
  if (!upload && typeof value === "string" && value.startsWith("attach://")) {
    upload = params.files.get(value.slice("attach://".length));
    if (!upload) throw bad(`can't find attached file "${value.slice(9)}"`);
  }
  if (upload) {
    if (upload.data.length === 0) throw bad("file must be non-empty");
    if (upload.data.length > 50 * 1024 * 1024) throw new ApiError(413, "Request Entity Too Large");
    let dims: { width: number; height: number } | null = null;
    if (kind === "photo") {
      dims = imageSize(upload.data);
      if (!dims) throw bad("IMAGE_PROCESS_FAILED");
    }
    const meta: Parameters<typeof state.files.add>[2] = { keepBytes: state.options.keepUploadedBytes };
    if (kind === "document") meta.fileName = upload.filename;
    if (kind === "document" && upload.contentType && upload.contentType !== "application/octet-stream") {
      meta.mimeType = upload.contentType;
    }
    if (dims) {
      meta.width = dims.width;
      meta.height = dims.height;
    }
    const file = state.files.add(kind, upload.data, meta);
    if (kind === "photo") file.fileName = upload.filename; // remembered for the log only
    return { file, byFileId: false };
  }
  if (typeof value !== "string" || value.length === 0) throw bad(`there is no ${field} in the request`);
  if (/^https?:\/\//i.test(value)) throw bad("wrong file identifier/HTTP URL specified");
  const file = state.files.get(value);
  if (!file) throw bad("wrong file identifier/HTTP URL specified");
  if (file.kind !== kind) {
    if (!(kind === "document" && file.kind !== "photo")) throw bad(`can't use file of type ${KIND_NAME[file.kind]} as ${KIND_NAME[kind]}`);
  }
  return { file, byFileId: true };
}

function attachFile(message: TgMessage, file: StoredFile, kind: "document" | "photo"): void {
  if (kind === "photo") {
    message.photo = [
      {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        width: file.width ?? 0,
        height: file.height ?? 0,
        file_size: file.size,
      },
    ];
  } else {
    message.document = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
    if (file.fileName !== undefined) message.document.file_name = file.fileName;
    if (file.mimeType !== undefined) message.document.mime_type = file.mimeType;
  }
}

function deliver(
  ctx: CallContext,
  common: Common,
  message: TgMessage,
  method: SendMethod,
  extra: Partial<Parameters<FakeState["recordSent"]>[1]>,
): void {
  const { state, params } = ctx;
  const stored = state.storeMessage(common.chat, message, true);
  const linkPreview = params.json("link_preview_options", "can't parse link preview options JSON object");
  state.recordSent(stored, {
    method,
    chatId: common.chat.chat.id,
    messageId: message.message_id,
    parseMode: params.string("parse_mode"),
    replyMarkup: common.markup,
    replyToMessageId: common.replyTo?.message.message_id,
    disableNotification: common.disableNotification,
    linkPreviewOptions: linkPreview ?? (params.bool("disable_web_page_preview") ? { is_disabled: true } : undefined),
    at: state.now(),
    requestId: ctx.requestId,
    ...extra,
  });
}

// --- sending ---------------------------------------------------------------------------------------

const sendMessage: Handler = (ctx) => {
  const { state, params } = ctx;
  const common = readCommon(ctx);
  const text = checkMessageText(state, params, "text", "entities")!;
  state.acquireRate(common.chat.chat.id, "send");
  const message = newBotMessage(state, common);
  message.text = text.text;
  if (text.entities.length > 0) message.entities = text.entities;
  const inline = inlineOnly(common.markup);
  if (inline) message.reply_markup = inline;
  const lpo = params.json("link_preview_options");
  if (lpo !== undefined) message.link_preview_options = lpo;
  deliver(ctx, common, message, "sendMessage", {
    text: params.string("text"),
    plainText: text.text,
    entities: text.entities,
  });
  return message;
};

function sendFile(kind: "document" | "photo"): Handler {
  return (ctx) => {
    const { state, params } = ctx;
    const common = readCommon(ctx);
    const caption = checkMessageText(state, params, "caption", "caption_entities");
    const { file, byFileId } = readInputFile(ctx, params.raw(kind), kind, kind);
    state.acquireRate(common.chat.chat.id, "send");
    const message = newBotMessage(state, common);
    attachFile(message, file, kind);
    if (caption?.text) {
      message.caption = caption.text;
      if (caption.entities.length > 0) message.caption_entities = caption.entities;
    }
    const inline = inlineOnly(common.markup);
    if (inline) message.reply_markup = inline;
    const extra: Partial<Parameters<FakeState["recordSent"]>[1]> = {
      caption: params.string("caption"),
      plainCaption: caption?.text,
    };
    extra[kind] = fileInfo(file, byFileId);
    deliver(ctx, common, message, kind === "document" ? "sendDocument" : "sendPhoto", extra);
    return message;
  };
}

let mediaGroupCounter = 0;

const sendMediaGroup: Handler = (ctx) => {
  const { state, params } = ctx;
  const common = readCommon(ctx);
  const media = params.json("media", "can't parse media JSON object");
  if (!Array.isArray(media)) throw bad('field "media" must be an Array');
  if (media.length < 2 || media.length > 10) throw bad("wrong number of messages in the media group (must be 2-10)");
  const items = media.map((m) => {
    if (!isObject(m) || (m.type !== "photo" && m.type !== "document")) {
      throw bad("the fake supports only photo and document media in media groups");
    }
    return m;
  });
  const hasDocs = items.some((m) => m.type === "document");
  if (hasDocs && items.some((m) => m.type !== "document")) throw bad("document can't be mixed with other media types");
  const prepared = items.map((m, i) => {
    const sub = new Params({ caption: m.caption, parse_mode: m.parse_mode, caption_entities: m.caption_entities }, params.files);
    const caption = checkMessageText(state, sub, "caption", "caption_entities");
    const kind = m.type as "document" | "photo";
    const { file, byFileId } = readInputFile(ctx, m.media, `media#${i}`, kind);
    return { m, kind, caption, file, byFileId };
  });
  state.acquireRate(common.chat.chat.id, "send");
  const groupId = `${Date.now()}${String(++mediaGroupCounter).padStart(6, "0")}`;
  return prepared.map((p) => {
    const message = newBotMessage(state, common);
    message.media_group_id = groupId;
    attachFile(message, p.file, p.kind);
    if (p.caption?.text) {
      message.caption = p.caption.text;
      if (p.caption.entities.length > 0) message.caption_entities = p.caption.entities;
    }
    const extra: Partial<Parameters<FakeState["recordSent"]>[1]> = {
      caption: typeof p.m.caption === "string" ? p.m.caption : undefined,
      plainCaption: p.caption?.text,
      parseMode: typeof p.m.parse_mode === "string" ? p.m.parse_mode : undefined,
      mediaGroupId: groupId,
    };
    extra[p.kind] = fileInfo(p.file, p.byFileId);
    deliver(ctx, common, message, "sendMediaGroup", extra);
    return message;
  });
};

// --- editing -----------------------------------------------------------------------------------------

function findEditable(ctx: CallContext, notFound: string): { chat: ChatState; stored: StoredMessage } {
  const { state, params } = ctx;
  if (params.has("inline_message_id")) throw bad("inline messages are not supported by the fake");
  const chat = state.resolveChat(params.raw("chat_id"));
  const messageId = params.int("message_id");
  if (messageId === undefined) throw bad("message identifier is not specified");
  const stored = chat.messages.get(messageId);
  if (!stored || stored.record?.deleted) throw bad(notFound);
  if (!stored.fromBot) throw bad("message can't be edited");
  return { chat, stored };
}

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const editMessageText: Handler = (ctx) => {
  const { state, params } = ctx;
  const { chat, stored } = findEditable(ctx, "message to edit not found");
  const text = checkMessageText(state, params, "text", "entities")!;
  const markup = readReplyMarkup(params);
  const m = stored.message;
  if (m.text === undefined) throw bad("there is no text in the message to edit");
  const inline = inlineOnly(markup);
  if (m.text === text.text && sameJson(m.entities ?? [], text.entities) && sameJson(m.reply_markup, inline)) {
    throw bad(NOT_MODIFIED);
  }
  state.acquireRate(chat.chat.id, "edit");
  m.text = text.text;
  if (text.entities.length > 0) m.entities = text.entities;
  else delete m.entities;
  if (inline) m.reply_markup = inline;
  else delete m.reply_markup;
  m.edit_date = state.date();
  const now = state.now();
  const r = stored.record;
  if (r) {
    r.text = params.string("text");
    r.plainText = text.text;
    r.entities = text.entities;
    r.parseMode = params.string("parse_mode");
    r.replyMarkup = markup;
    r.editCount++;
    r.editedAt = now;
  }
  state.recordEdit({
    method: "editMessageText",
    chatId: chat.chat.id,
    messageId: m.message_id,
    text: params.string("text"),
    plainText: text.text,
    parseMode: params.string("parse_mode"),
    replyMarkup: markup,
    at: now,
    requestId: ctx.requestId,
  });
  return m;
};

const editMessageReplyMarkup: Handler = (ctx) => {
  const { state, params } = ctx;
  const { chat, stored } = findEditable(ctx, "message to edit not found");
  const markup = readReplyMarkup(params);
  const inline = inlineOnly(markup);
  const m = stored.message;
  if (sameJson(m.reply_markup, inline)) throw bad(NOT_MODIFIED);
  state.acquireRate(chat.chat.id, "edit");
  if (inline) m.reply_markup = inline;
  else delete m.reply_markup;
  m.edit_date = state.date();
  const now = state.now();
  if (stored.record) {
    stored.record.replyMarkup = markup;
    stored.record.editCount++;
    stored.record.editedAt = now;
  }
  state.recordEdit({
    method: "editMessageReplyMarkup",
    chatId: chat.chat.id,
    messageId: m.message_id,
    replyMarkup: markup,
    at: now,
    requestId: ctx.requestId,
  });
  return m;
};

const editMessageCaption: Handler = (ctx) => {
  const { state, params } = ctx;
  const { chat, stored } = findEditable(ctx, "message to edit not found");
  const m = stored.message;
  if (!m.document && !m.photo) throw bad("there is no caption in the message to edit");
  const caption = checkMessageText(state, params, "caption", "caption_entities");
  const markup = readReplyMarkup(params);
  const inline = inlineOnly(markup);
  const newCaption = caption?.text ?? "";
  if ((m.caption ?? "") === newCaption && sameJson(m.reply_markup, inline)) throw bad(NOT_MODIFIED);
  state.acquireRate(chat.chat.id, "edit");
  if (newCaption) m.caption = newCaption;
  else delete m.caption;
  if (caption && caption.entities.length > 0) m.caption_entities = caption.entities;
  else delete m.caption_entities;
  if (inline) m.reply_markup = inline;
  else delete m.reply_markup;
  m.edit_date = state.date();
  const now = state.now();
  if (stored.record) {
    stored.record.caption = params.string("caption");
    stored.record.plainCaption = caption?.text;
    stored.record.replyMarkup = markup;
    stored.record.editCount++;
    stored.record.editedAt = now;
  }
  state.recordEdit({
    method: "editMessageCaption",
    chatId: chat.chat.id,
    messageId: m.message_id,
    caption: params.string("caption"),
    parseMode: params.string("parse_mode"),
    replyMarkup: markup,
    at: now,
    requestId: ctx.requestId,
  });
  return m;
};

/** Telegram lets a bot delete a message for 48 hours after it was sent. */
export const DELETE_WINDOW_MS = 48 * 3600_000;

const deleteMessage: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  const messageId = params.int("message_id");
  if (messageId === undefined) throw bad("message identifier is not specified");
  const stored = chat.messages.get(messageId);
  if (!stored || stored.record?.deleted) throw bad("message to delete not found");
  if (!stored.fromBot && chat.chat.type !== "private") {
    const rights = state.botRightsIn(chat.chat);
    if (rights.status !== "creator" && !(rights.status === "administrator" && rights.can_delete_messages)) {
      throw bad("message can't be deleted");
    }
  }
  // As on Telegram, a message older than 48 hours can no longer be deleted (by the bot, in any chat).
  if (state.now() - stored.message.date * 1000 >= DELETE_WINDOW_MS) throw bad("message can't be deleted for everyone");
  state.acquireRate(chat.chat.id, "edit");
  chat.messages.delete(messageId);
  if (stored.record) stored.record.deleted = true;
  chat.pinned = chat.pinned.filter((id) => id !== messageId);
  state.deletions.push({ chatId: chat.chat.id, messageId, at: state.now(), requestId: ctx.requestId });
  return true;
};

// --- pins -------------------------------------------------------------------------------------------

function checkPinRights(state: FakeState, chat: ChatState): void {
  if (chat.chat.type === "private") return;
  const rights = state.botRightsIn(chat.chat);
  const can =
    rights.status === "creator" ||
    (rights.status === "administrator" && rights.can_pin_messages === true) ||
    (rights.status === "restricted" && rights.can_pin_messages === true);
  if (!can) throw bad("not enough rights to manage pinned messages in the chat");
}

const pinChatMessage: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  const messageId = params.int("message_id");
  if (messageId === undefined) throw bad("message identifier is not specified");
  checkPinRights(state, chat);
  const stored = chat.messages.get(messageId);
  if (!stored) throw bad("message to pin not found");
  state.acquireRate(chat.chat.id, "edit");
  chat.pinned = chat.pinned.filter((id) => id !== messageId);
  chat.pinned.push(messageId);
  if (stored.record) stored.record.pinned = true;
  state.recordPin({
    action: "pin",
    chatId: chat.chat.id,
    messageId,
    disableNotification: params.bool("disable_notification"),
    at: state.now(),
    requestId: ctx.requestId,
  });
  return true;
};

const unpinChatMessage: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  checkPinRights(state, chat);
  const messageId = params.int("message_id") ?? chat.pinned[chat.pinned.length - 1];
  if (messageId === undefined || !chat.pinned.includes(messageId)) throw bad("message to unpin not found");
  state.acquireRate(chat.chat.id, "edit");
  chat.pinned = chat.pinned.filter((id) => id !== messageId);
  const stored = chat.messages.get(messageId);
  if (stored?.record) stored.record.pinned = false;
  state.recordPin({ action: "unpin", chatId: chat.chat.id, messageId, at: state.now(), requestId: ctx.requestId });
  return true;
};

const unpinAllChatMessages: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  checkPinRights(state, chat);
  for (const id of chat.pinned) {
    const stored = chat.messages.get(id);
    if (stored?.record) stored.record.pinned = false;
  }
  chat.pinned = [];
  state.recordPin({ action: "unpinAll", chatId: chat.chat.id, at: state.now(), requestId: ctx.requestId });
  return true;
};

export const MESSAGE_METHODS: Record<string, Handler> = {
  sendMessage,
  sendDocument: sendFile("document"),
  sendPhoto: sendFile("photo"),
  sendMediaGroup,
  editMessageText,
  editMessageReplyMarkup,
  editMessageCaption,
  deleteMessage,
  pinChatMessage,
  unpinChatMessage,
  unpinAllChatMessages,
};
