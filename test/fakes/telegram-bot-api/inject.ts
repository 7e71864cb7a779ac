/**
 * Injection of user activity: tests play people. Each function builds the update Telegram would
 * send, applies its side effects to the fake's state (chat members, bot rights, migrations,
 * stored files) and queues it (getUpdates) or pushes it (webhook).
 */
import { imageSize } from "./files.js";
import type { ChatState, FakeState } from "./state.js";
import type { BotRights, ChatSpec, MemberStatus, TgChat, TgChatMember, TgMessage, TgMessageEntity, TgUpdate, TgUser } from "./types.js";

export interface UserSpec {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

/** A chat id, or a chat with details (type inferred from the id when omitted: >0 private, <0 group, <=-10^12 supergroup). */
export type ChatInput = number | ChatSpec;

interface Base {
  chat: ChatInput;
  /** Defaults to the private chat's user; required in groups. */
  from?: UserSpec;
  /** Unix seconds; defaults to now. */
  date?: number;
  /** Make the message a reply to this message id (in the same chat). */
  replyToMessageId?: number;
}

export interface InjectMessageInput extends Base {
  text: string;
  /** Defaults: a bot_command entity when the text starts with "/". */
  entities?: TgMessageEntity[];
}

export interface InjectDocumentInput extends Base {
  fileName: string;
  mimeType?: string;
  bytes: Buffer | Uint8Array | string;
  caption?: string;
}

export interface InjectPhotoInput extends Base {
  bytes: Buffer | Uint8Array | string;
  caption?: string;
  width?: number;
  height?: number;
}

export interface InjectStickerInput extends Base {
  emoji?: string;
  setName?: string;
  bytes?: Buffer | Uint8Array | string;
}

export interface InjectVoiceInput extends Base {
  bytes?: Buffer | Uint8Array | string;
  duration?: number;
  mimeType?: string;
  caption?: string;
}

export interface InjectCallbackInput {
  from: UserSpec;
  /** Chat of the message the button belongs to. */
  chat: ChatInput;
  messageId: number;
  data: string;
  chatInstance?: string;
}

export interface InjectMyChatMemberInput {
  chat: ChatInput;
  /** Who changed the bot's status (the user who added/removed/blocked it). */
  from: UserSpec;
  oldStatus: MemberStatus;
  newStatus: MemberStatus;
  /** Rights when newStatus is "administrator" (default: can_pin_messages true). */
  rights?: Omit<BotRights, "status">;
}

export interface InjectNewMembersInput {
  chat: ChatInput;
  from: UserSpec;
  members: UserSpec[];
}

export interface InjectLeftMemberInput {
  chat: ChatInput;
  from: UserSpec;
  member: UserSpec;
}

export interface InjectMigrationInput {
  fromChatId: number;
  toChatId: number;
  from?: UserSpec;
  title?: string;
}

export interface InjectedMessage {
  /** 0 when the bot did not receive it (privacy mode) */
  updateId: number;
  update: TgUpdate;
  message: TgMessage;
  /** false when Telegram would not hand the message to the bot (group privacy mode): no update was queued */
  delivered: boolean;
}

export interface InjectedCallback {
  updateId: number;
  update: TgUpdate;
  callbackQueryId: string;
}

function toUser(u: UserSpec): TgUser {
  const user: TgUser = { id: u.id, is_bot: u.is_bot ?? false, first_name: u.first_name ?? `User ${u.id}` };
  if (u.last_name !== undefined) user.last_name = u.last_name;
  if (u.username !== undefined) user.username = u.username;
  if (u.language_code !== undefined) user.language_code = u.language_code;
  return user;
}

function toBytes(b: Buffer | Uint8Array | string | undefined, fallback: string): Buffer {
  if (b === undefined) return Buffer.from(fallback);
  if (typeof b === "string") return Buffer.from(b, "utf8");
  return Buffer.isBuffer(b) ? b : Buffer.from(b);
}

function chatSpec(input: ChatInput): ChatSpec {
  return typeof input === "number" ? { id: input } : input;
}

function resolveParticipants(state: FakeState, base: { chat: ChatInput; from?: UserSpec }): { chat: ChatState; user: TgUser } {
  const spec = chatSpec(base.chat);
  if (state.faults.migrated.has(String(spec.id))) {
    throw new Error(
      `fake Telegram: chat ${spec.id} was migrated to ${state.faults.migrated.get(String(spec.id))}; inject into the new chat`,
    );
  }
  let fromSpec = base.from;
  const isPrivate = spec.type === "private" || (spec.type === undefined && spec.id > 0);
  if (!fromSpec) {
    if (!isPrivate) throw new Error(`fake Telegram: "from" is required for a message in group ${spec.id}`);
    fromSpec = { id: spec.id, first_name: spec.first_name ?? `User ${spec.id}` };
    if (spec.last_name !== undefined) fromSpec.last_name = spec.last_name;
    if (spec.username !== undefined) fromSpec.username = spec.username;
  }
  const user = toUser(fromSpec);
  const merged: ChatSpec = { ...spec };
  if (isPrivate && merged.first_name === undefined && user.id === spec.id) {
    merged.first_name = user.first_name;
    if (user.last_name !== undefined) merged.last_name = user.last_name;
    if (user.username !== undefined) merged.username = user.username;
  }
  const chat = state.ensureChat(merged);
  state.rememberMember(chat, user);
  return { chat, user };
}

function baseMessage(state: FakeState, chat: ChatState, user: TgUser, input: Base): TgMessage {
  const message: TgMessage = {
    message_id: state.nextMessageId(chat.chat.id),
    from: user,
    chat: { ...chat.chat },
    date: input.date ?? state.date(),
  };
  if (input.replyToMessageId !== undefined) {
    const target = chat.messages.get(input.replyToMessageId);
    if (!target) throw new Error(`fake Telegram: no message ${input.replyToMessageId} in chat ${chat.chat.id} to reply to`);
    const { reply_to_message: _nested, ...shallow } = target.message;
    message.reply_to_message = shallow;
  }
  return message;
}

function queueMessage(state: FakeState, chat: ChatState, message: TgMessage): InjectedMessage {
  state.storeMessage(chat, message, false);
  if (!state.botReceives(chat, message)) {
    state.stats.updatesWithheld++;
    return { updateId: 0, update: { update_id: 0, message }, message, delivered: false };
  }
  const update = state.queue.push({ message });
  state.stats.updatesInjected++;
  return { updateId: update.update_id, update, message, delivered: true };
}

function commandEntities(text: string): TgMessageEntity[] | undefined {
  const m = /^\/[^\s]+/.exec(text);
  return m ? [{ type: "bot_command", offset: 0, length: m[0].length }] : undefined;
}

export function injectMessage(state: FakeState, input: InjectMessageInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const message = baseMessage(state, chat, user, input);
  message.text = input.text;
  const entities = input.entities ?? commandEntities(input.text);
  if (entities && entities.length > 0) message.entities = entities;
  return queueMessage(state, chat, message);
}

export function injectDocument(state: FakeState, input: InjectDocumentInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const bytes = toBytes(input.bytes, "");
  const meta: Parameters<typeof state.files.add>[2] = { fileName: input.fileName, keepBytes: true };
  if (input.mimeType !== undefined) meta.mimeType = input.mimeType;
  const file = state.files.add("document", bytes, meta);
  const message = baseMessage(state, chat, user, input);
  message.document = { file_name: input.fileName, file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
  if (file.mimeType) message.document.mime_type = file.mimeType;
  if (input.caption !== undefined) message.caption = input.caption;
  return queueMessage(state, chat, message);
}

export function injectPhoto(state: FakeState, input: InjectPhotoInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const bytes = toBytes(input.bytes, "");
  const dims = imageSize(bytes);
  const width = input.width ?? dims?.width ?? 800;
  const height = input.height ?? dims?.height ?? 600;
  const file = state.files.add("photo", bytes, { keepBytes: true, width, height });
  const message = baseMessage(state, chat, user, input);
  // Telegram sends several sizes; the fake sends a thumbnail-sized alias and the original (last = largest).
  const thumbW = Math.max(1, Math.round((width * 90) / Math.max(width, height)));
  const thumbH = Math.max(1, Math.round((height * 90) / Math.max(width, height)));
  message.photo = [
    { file_id: file.fileId, file_unique_id: file.fileUniqueId, width: thumbW, height: thumbH, file_size: file.size },
    { file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height, file_size: file.size },
  ];
  if (input.caption !== undefined) message.caption = input.caption;
  return queueMessage(state, chat, message);
}

export function injectSticker(state: FakeState, input: InjectStickerInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const file = state.files.add("sticker", toBytes(input.bytes, "RIFF....WEBPfake-sticker"), { keepBytes: true });
  const message = baseMessage(state, chat, user, input);
  message.sticker = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    type: "regular",
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: input.emoji ?? "👍",
    set_name: input.setName ?? "FakeStickers",
    file_size: file.size,
  };
  return queueMessage(state, chat, message);
}

export function injectVoice(state: FakeState, input: InjectVoiceInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const file = state.files.add("voice", toBytes(input.bytes, "OggSfake-voice"), {
    keepBytes: true,
    mimeType: input.mimeType ?? "audio/ogg",
  });
  const message = baseMessage(state, chat, user, input);
  message.voice = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    duration: input.duration ?? 3,
    mime_type: file.mimeType,
    file_size: file.size,
  };
  if (input.caption !== undefined) message.caption = input.caption;
  return queueMessage(state, chat, message);
}

export function injectCallback(state: FakeState, input: InjectCallbackInput): InjectedCallback {
  const spec = chatSpec(input.chat);
  const chat = state.chats.get(spec.id);
  const stored = chat?.messages.get(input.messageId);
  if (!chat || !stored) {
    throw new Error(`fake Telegram: no message ${input.messageId} in chat ${spec.id} to press a button on`);
  }
  const user = toUser(input.from);
  state.rememberMember(chat, user);
  const id = state.nextCallbackId();
  const update = state.queue.push({
    callback_query: {
      id,
      from: user,
      message: structuredClone(stored.message),
      chat_instance: input.chatInstance ?? String(-chat.chat.id * 7 + 13),
      data: input.data,
    },
  });
  state.stats.updatesInjected++;
  state.callbackQueries.set(id, { update, chatId: chat.chat.id, messageId: input.messageId });
  return { updateId: update.update_id, update, callbackQueryId: id };
}

export function injectMyChatMember(state: FakeState, input: InjectMyChatMemberInput): { updateId: number; update: TgUpdate } {
  const spec = chatSpec(input.chat);
  const chat = state.ensureChat(spec);
  const user = toUser(input.from);
  state.rememberMember(chat, user);
  const member = (status: MemberStatus): TgChatMember => {
    if (status === "administrator") {
      const r = input.rights ?? { can_pin_messages: true };
      return {
        user: { ...state.bot },
        status,
        can_be_edited: false,
        can_manage_chat: true,
        can_delete_messages: r.can_delete_messages ?? false,
        can_pin_messages: r.can_pin_messages ?? false,
        can_invite_users: true,
        can_change_info: false,
        can_restrict_members: false,
        can_promote_members: false,
        can_manage_video_chats: false,
        is_anonymous: false,
      };
    }
    if (status === "restricted") return { user: { ...state.bot }, status, is_member: true, until_date: 0 };
    if (status === "kicked") return { user: { ...state.bot }, status, until_date: 0 };
    return { user: { ...state.bot }, status };
  };
  const rights: BotRights = {
    status: input.newStatus,
    ...(input.newStatus === "administrator" ? (input.rights ?? { can_pin_messages: true }) : {}),
  };
  state.botRights.set(String(chat.chat.id), rights);
  const update = state.queue.push({
    my_chat_member: {
      chat: { ...chat.chat },
      from: user,
      date: state.date(),
      old_chat_member: member(input.oldStatus),
      new_chat_member: member(input.newStatus),
    },
  });
  state.stats.updatesInjected++;
  return { updateId: update.update_id, update };
}

export function injectNewMembers(state: FakeState, input: InjectNewMembersInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const members = input.members.map(toUser);
  for (const m of members) {
    if (m.id === state.bot.id) {
      const current = state.botRightsIn(chat.chat);
      if (current.status === "left" || current.status === "kicked") state.botRights.set(String(chat.chat.id), { status: "member" });
    } else {
      state.rememberMember(chat, m, "member");
    }
  }
  const message = baseMessage(state, chat, user, { chat: input.chat });
  message.new_chat_members = members;
  message.new_chat_member = members[0]!;
  message.new_chat_participant = members[0]!;
  return queueMessage(state, chat, message);
}

export function injectLeftMember(state: FakeState, input: InjectLeftMemberInput): InjectedMessage {
  const { chat, user } = resolveParticipants(state, input);
  const member = toUser(input.member);
  if (member.id === state.bot.id) state.botRights.set(String(chat.chat.id), { status: "left" });
  else chat.members.set(member.id, { user: member, status: "left" });
  const message = baseMessage(state, chat, user, { chat: input.chat });
  message.left_chat_member = member;
  message.left_chat_participant = member;
  return queueMessage(state, chat, message);
}

export function injectMigration(state: FakeState, input: InjectMigrationInput): { updates: TgUpdate[]; oldChat: TgChat; newChat: TgChat } {
  const old = state.ensureChat({ id: input.fromChatId, type: "group" });
  const title = input.title ?? old.chat.title;
  const next = state.ensureChat({ id: input.toChatId, type: "supergroup", ...(title !== undefined ? { title } : {}) });
  const user = input.from ? toUser(input.from) : { id: 777000, is_bot: false, first_name: "Telegram" };
  const date = state.date();

  const inOld: TgMessage = {
    message_id: state.nextMessageId(old.chat.id),
    from: user,
    chat: { ...old.chat },
    date,
    migrate_to_chat_id: next.chat.id,
  };
  state.storeMessage(old, inOld, false);
  const u1 = state.queue.push({ message: inOld });

  const inNew: TgMessage = {
    message_id: state.nextMessageId(next.chat.id),
    from: { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
    sender_chat: { ...next.chat },
    chat: { ...next.chat },
    date,
    migrate_from_chat_id: old.chat.id,
  };
  state.storeMessage(next, inNew, false);
  const u2 = state.queue.push({ message: inNew });
  state.stats.updatesInjected += 2;

  // members and the bot's rights move to the supergroup; the old id answers 400 from now on
  for (const [id, m] of old.members) if (!next.members.has(id)) next.members.set(id, m);
  const rights = state.botRights.get(String(old.chat.id));
  if (rights && !state.botRights.has(String(next.chat.id))) state.botRights.set(String(next.chat.id), rights);
  state.faults.migrated.set(String(old.chat.id), next.chat.id);
  return { updates: [u1, u2], oldChat: old.chat, newChat: next.chat };
}

/** Queues any update body as is (escape hatch for update types the helpers do not cover). */
export function injectRawUpdate(state: FakeState, body: Omit<TgUpdate, "update_id">): TgUpdate {
  const update = state.queue.push(body);
  state.stats.updatesInjected++;
  return update;
}
