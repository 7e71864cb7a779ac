/**
 * Bot API methods about chats and the bot's commands: getChat, getChatMember,
 * getChatAdministrators, getChatMemberCount, leaveChat, sendChatAction, setMyCommands,
 * getMyCommands, deleteMyCommands.
 */
import type { CallContext, Handler } from "./call-context.js";
import { ApiError } from "./params.js";
import type { FakeState } from "./state.js";
import type { BotCommandScope, TgBotCommand, TgChatMember } from "./types.js";

const bad = ApiError.badRequest;

const getChat: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  const info: Record<string, unknown> = { ...chat.chat, accent_color_id: 0, max_reaction_count: 11 };
  if (chat.chat.type !== "private") {
    info.permissions = {
      can_send_messages: true,
      can_send_audios: true,
      can_send_documents: true,
      can_send_photos: true,
      can_send_videos: true,
      can_send_video_notes: true,
      can_send_voice_notes: true,
      can_send_polls: true,
      can_send_other_messages: true,
      can_add_web_page_previews: true,
      can_change_info: false,
      can_invite_users: true,
      can_pin_messages: false,
      can_manage_topics: false,
    };
  }
  const pinnedId = chat.pinned[chat.pinned.length - 1];
  if (pinnedId !== undefined) {
    const pinned = chat.messages.get(pinnedId);
    if (pinned) info.pinned_message = pinned.message;
  }
  return info;
};

function userParam(ctx: CallContext): number {
  const userId = ctx.params.int("user_id");
  if (userId === undefined) throw bad("user_id is empty"); // Telegram: "Bad Request: invalid user_id specified"
  return userId;
}

const getChatMember: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"), { checkForbidden: false });
  const userId = userParam(ctx);
  if (userId === state.bot.id) return state.botMember(chat.chat);
  const known = chat.members.get(userId);
  if (known) return known;
  if (chat.chat.type === "private" && userId === chat.chat.id) {
    return { user: { id: userId, is_bot: false, first_name: chat.chat.first_name ?? "User" }, status: "member" };
  }
  if (chat.chat.type === "private") throw bad("user not found");
  return { user: { id: userId, is_bot: false, first_name: `User ${userId}` }, status: "left" } satisfies TgChatMember;
};

const getChatAdministrators: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  if (chat.chat.type === "private") throw bad("there are no administrators in the private chat");
  const admins: TgChatMember[] = [];
  for (const m of chat.members.values()) if (m.status === "creator" || m.status === "administrator") admins.push(m);
  const bot = state.botMember(chat.chat);
  if (bot.status === "administrator" || bot.status === "creator") admins.push(bot);
  return admins;
};

const getChatMemberCount: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  if (chat.chat.type === "private") return 2;
  let n = 1; // the bot
  for (const m of chat.members.values()) if (m.status !== "left" && m.status !== "kicked") n++;
  return n;
};

const leaveChat: Handler = (ctx) => {
  const { state, params } = ctx;
  const chat = state.resolveChat(params.raw("chat_id"));
  if (chat.chat.type === "private") throw bad("chat member status can't be changed in private chats");
  const old = state.botMember(chat.chat);
  state.botRights.set(String(chat.chat.id), { status: "left" });
  state.queue.push({
    my_chat_member: {
      chat: { ...chat.chat },
      from: { ...state.bot },
      date: state.date(),
      old_chat_member: old,
      new_chat_member: { user: { ...state.bot }, status: "left" },
    },
  });
  state.stats.updatesInjected++;
  return true;
};

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const sendChatAction: Handler = (ctx) => {
  const { state, params } = ctx;
  state.resolveChat(params.raw("chat_id"));
  const action = params.string("action");
  if (!action) throw bad("action is empty"); // Telegram: "Bad Request: wrong parameter action in request"
  if (!CHAT_ACTIONS.has(action)) throw bad("wrong parameter action in request");
  return true;
};

// --- commands -------------------------------------------------------------------------------------

const SCOPE_TYPES = new Set<BotCommandScope["type"]>([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

/** Normalises a BotCommandScope parameter (chat ids resolved to numbers). */
export function readScope(state: FakeState, raw: unknown): BotCommandScope {
  if (raw === undefined) return { type: "default" };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw bad("can't parse BotCommandScope JSON object");
  const r = raw as Record<string, unknown>;
  const type = r.type as BotCommandScope["type"];
  if (!SCOPE_TYPES.has(type)) throw bad("unsupported bot command scope type specified");
  const scope: BotCommandScope = { type };
  if (type === "chat" || type === "chat_administrators" || type === "chat_member") {
    scope.chat_id = state.resolveChat(r.chat_id, { checkForbidden: false }).chat.id;
  }
  if (type === "chat_member") {
    if (typeof r.user_id !== "number" && typeof r.user_id !== "string") throw bad("user_id is empty");
    scope.user_id = Number(r.user_id);
  }
  return scope;
}

export function scopeKey(scope: BotCommandScope, languageCode: string): string {
  return `${scope.type}|${scope.chat_id ?? ""}|${scope.user_id ?? ""}|${languageCode}`;
}

function readLanguage(ctx: CallContext): string {
  const lang = ctx.params.string("language_code") ?? "";
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw bad("invalid language code specified");
  return lang;
}

const setMyCommands: Handler = (ctx) => {
  const { state, params } = ctx;
  const raw = params.json("commands", "can't parse commands JSON object");
  if (!Array.isArray(raw)) throw bad('field "commands" must be an Array');
  if (raw.length > 100) throw bad("too many commands specified");
  const commands: TgBotCommand[] = raw.map((c) => {
    if (typeof c !== "object" || c === null) throw bad("can't parse BotCommand JSON object");
    const { command, description } = c as Record<string, unknown>;
    if (typeof command !== "string" || !/^\/?[a-z0-9_]{1,32}$/.test(command)) throw bad("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.trim().length === 0 || description.length > 256) {
      throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: command.replace(/^\//, ""), description };
  });
  const scope = readScope(state, params.json("scope", "can't parse BotCommandScope JSON object"));
  const languageCode = readLanguage(ctx);
  const key = scopeKey(scope, languageCode);
  if (commands.length === 0) state.commands.delete(key);
  else state.commands.set(key, { scope, languageCode, commands });
  return true;
};

const getMyCommands: Handler = (ctx) => {
  const { state, params } = ctx;
  const scope = readScope(state, params.json("scope", "can't parse BotCommandScope JSON object"));
  return state.commands.get(scopeKey(scope, readLanguage(ctx)))?.commands ?? [];
};

const deleteMyCommands: Handler = (ctx) => {
  const { state, params } = ctx;
  const scope = readScope(state, params.json("scope", "can't parse BotCommandScope JSON object"));
  state.commands.delete(scopeKey(scope, readLanguage(ctx)));
  return true;
};

export const CHAT_METHODS: Record<string, Handler> = {
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  getChatMembersCount: getChatMemberCount,
  leaveChat,
  sendChatAction,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
