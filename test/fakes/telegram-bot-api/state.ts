/**
 * Everything the fake remembers: chats and their messages, files, logs tests read, counters,
 * per-chat bot rights, commands, callback queries, and the shared machinery (rate limiter, faults,
 * update queue). Lookups are by Map; nothing on the hot path scans the message log.
 */
import { FileStore } from "./files.js";
import { Faults } from "./faults.js";
import { ApiError } from "./params.js";
import { RateLimiter } from "./rate-limits.js";
import { UpdateQueue } from "./updates.js";
import { Waiters } from "./waiters.js";
import type {
  BotRights,
  CallbackAnswerRecord,
  ChatSpec,
  CommandSet,
  ChatType,
  DeletionRecord,
  EditRecord,
  FakeBotApiOptions,
  FakeStats,
  PinRecord,
  RuntimeConfig,
  SentMessageRecord,
  TgChat,
  TgChatMember,
  TgMessage,
  TgUpdate,
  TgUser,
} from "./types.js";

export const DEFAULT_TOKEN = "123456789:AAFakeTelegramBotTokenForTests_0000";

export function defaultOptions(): FakeBotApiOptions {
  return {
    host: "127.0.0.1",
    port: 0,
    token: DEFAULT_TOKEN,
    botUsername: "fake_council_bot",
    botFirstName: "Fake Council Bot",
    acceptUnknownChats: true,
    chats: [],
    rateLimits: {},
    faults: {},
    defaultBotRights: { status: "administrator", can_pin_messages: true, can_delete_messages: true },
    botRights: {},
    strictHtmlEntities: true,
    maxBodyBytes: 60 * 1024 * 1024,
    maxLongPollSeconds: 50,
    webhook: {},
    keepUploadedBytes: true,
    privacyMode: true,
    privacyExemptsAdmins: false,
    now: () => Date.now(),
  };
}

export interface StoredMessage {
  message: TgMessage;
  fromBot: boolean;
  record?: SentMessageRecord;
}

export interface ChatState {
  chat: TgChat;
  messages: Map<number, StoredMessage>;
  /** Pinned message ids, most recent last. */
  pinned: number[];
  /** Users seen in the chat, with their status. */
  members: Map<number, TgChatMember>;
}

export interface CallbackQueryState {
  update: TgUpdate;
  chatId: number;
  messageId: number;
  answer?: CallbackAnswerRecord;
}

/** Chat type from the id, as Telegram's id ranges imply. */
export function chatTypeFromId(id: number): ChatType {
  if (id > 0) return "private";
  if (id <= -1_000_000_000_000) return "supergroup";
  return "group";
}

export function emptyStats(): FakeStats {
  return {
    requests: 0,
    delivered: 0,
    rateLimited429: 0,
    injected5xx: 0,
    injected5xxAfterDelivery: 0,
    resets: 0,
    forbidden403: 0,
    migrated400: 0,
    badRequests: 0,
    byMethod: {},
    rateLimitedByChat: {},
    updatesInjected: 0,
    updatesWithheld: 0,
    updatesFetched: 0,
    webhookDelivered: 0,
    webhookFailedAttempts: 0,
  };
}

export class FakeState {
  readonly options: FakeBotApiOptions;
  readonly bot: TgUser;
  readonly limiter: RateLimiter;
  readonly faults: Faults;
  readonly queue: UpdateQueue;
  readonly files = new FileStore();
  readonly now: () => number;

  acceptUnknownChats: boolean;
  strictHtml: boolean;
  privacyMode: boolean;
  privacyExemptsAdmins: boolean;
  defaultBotRights: BotRights;
  botRights = new Map<string, BotRights>();

  chats = new Map<number, ChatState>();
  private usernames = new Map<string, number>();
  /** Survives reset so message ids never repeat within a chat. */
  private readonly lastMessageIds = new Map<number, number>();

  sent: SentMessageRecord[] = [];
  sentByChat = new Map<number, SentMessageRecord[]>();
  edits: EditRecord[] = [];
  pins: PinRecord[] = [];
  answers: CallbackAnswerRecord[] = [];
  deletions: DeletionRecord[] = [];
  callbackQueries = new Map<string, CallbackQueryState>();
  /** By scopeKey(scope, language). */
  commands = new Map<string, CommandSet>();
  stats: FakeStats = emptyStats();

  readonly sentWaiters = new Waiters<SentMessageRecord>();
  readonly editWaiters = new Waiters<EditRecord>();
  readonly answerWaiters = new Waiters<CallbackAnswerRecord>();
  readonly pinWaiters = new Waiters<PinRecord>();

  private seq = 0;
  private editSeq = 0;
  private pinSeq = 0;
  private answerSeq = 0;
  private requestCounter = 0;
  private callbackCounter = 0;

  constructor(options: FakeBotApiOptions, hooks: ConstructorParameters<typeof UpdateQueue>[0]) {
    this.options = options;
    this.now = options.now;
    const botId = Number(options.token.split(":")[0]);
    this.bot = {
      id: Number.isSafeInteger(botId) && botId > 0 ? botId : 123456789,
      is_bot: true,
      first_name: options.botFirstName,
      username: options.botUsername,
    };
    this.limiter = new RateLimiter(options.rateLimits);
    this.faults = new Faults(options.faults);
    this.queue = new UpdateQueue(hooks, this.now);
    this.queue.configureDelivery(options.webhook);
    this.acceptUnknownChats = options.acceptUnknownChats;
    this.strictHtml = options.strictHtmlEntities;
    this.privacyMode = options.privacyMode;
    this.privacyExemptsAdmins = options.privacyExemptsAdmins;
    this.defaultBotRights = options.defaultBotRights;
    for (const [id, rights] of Object.entries(options.botRights)) this.botRights.set(String(id), rights);
    for (const spec of options.chats) this.ensureChat(spec);
  }

  nextRequestId(): number {
    return ++this.requestCounter;
  }

  nextCallbackId(): string {
    return `${this.bot.id}${String(++this.callbackCounter).padStart(8, "0")}`;
  }

  date(): number {
    return Math.floor(this.now() / 1000);
  }

  // --- configuration -------------------------------------------------------------------------

  configure(config: RuntimeConfig): void {
    if (config.acceptUnknownChats !== undefined) this.acceptUnknownChats = config.acceptUnknownChats;
    if (config.strictHtmlEntities !== undefined) this.strictHtml = config.strictHtmlEntities;
    if (config.privacyMode !== undefined) this.privacyMode = config.privacyMode;
    if (config.privacyExemptsAdmins !== undefined) this.privacyExemptsAdmins = config.privacyExemptsAdmins;
    if (config.defaultBotRights !== undefined) this.defaultBotRights = config.defaultBotRights;
    if (config.botRights) for (const [id, r] of Object.entries(config.botRights)) this.botRights.set(String(id), r);
    if (config.rateLimits !== undefined) {
      this.limiter.configure(
        // an object turns limits on (unless it says enabled: false) and changes the given windows
        config.rateLimits === false ? false : { ...this.limiter.settings, enabled: true, ...config.rateLimits },
      );
    }
    if (config.faults) this.faults.configure(config.faults);
    if (config.webhook) this.queue.configureDelivery(config.webhook);
  }

  /** Clears logs, chats, files, counters and faults; back to the start options. */
  reset(opts: { keepWebhook?: boolean; keepCommands?: boolean } = {}): void {
    const o = this.options;
    this.chats.clear();
    this.usernames.clear();
    this.files.clear();
    this.sent = [];
    this.sentByChat.clear();
    this.edits = [];
    this.pins = [];
    this.answers = [];
    this.deletions = [];
    this.callbackQueries.clear();
    if (!opts.keepCommands) this.commands.clear();
    this.stats = emptyStats();
    this.seq = 0;
    this.editSeq = 0;
    this.pinSeq = 0;
    this.answerSeq = 0;
    this.limiter.configure(o.rateLimits);
    this.faults.reset(o.faults);
    this.acceptUnknownChats = o.acceptUnknownChats;
    this.strictHtml = o.strictHtmlEntities;
    this.privacyMode = o.privacyMode;
    this.privacyExemptsAdmins = o.privacyExemptsAdmins;
    this.defaultBotRights = o.defaultBotRights;
    this.botRights.clear();
    for (const [id, rights] of Object.entries(o.botRights)) this.botRights.set(String(id), rights);
    this.queue.clear();
    if (opts.keepWebhook === false) this.queue.deleteWebhook();
    for (const spec of o.chats) this.ensureChat(spec);
  }

  // --- chats ---------------------------------------------------------------------------------

  /** Creates the chat or merges new details into it. */
  ensureChat(spec: ChatSpec): ChatState {
    let state = this.chats.get(spec.id);
    if (!state) {
      const type = spec.type ?? chatTypeFromId(spec.id);
      const chat: TgChat = { id: spec.id, type };
      if (type === "private") chat.first_name = spec.first_name ?? `User ${spec.id}`;
      else chat.title = spec.title ?? `Chat ${spec.id}`;
      state = { chat, messages: new Map(), pinned: [], members: new Map() };
      this.chats.set(spec.id, state);
    }
    const chat = state.chat;
    if (spec.type && spec.type !== chat.type) chat.type = spec.type;
    if (spec.title !== undefined) chat.title = spec.title;
    if (spec.first_name !== undefined) chat.first_name = spec.first_name;
    if (spec.last_name !== undefined) chat.last_name = spec.last_name;
    if (spec.username !== undefined) {
      chat.username = spec.username;
      this.usernames.set(spec.username.toLowerCase().replace(/^@/, ""), spec.id);
    }
    return state;
  }

  forbiddenDescription(chat: TgChat, left: boolean): string {
    if (chat.type === "private") return "Forbidden: bot was blocked by the user";
    const kind = chat.type === "supergroup" ? "supergroup chat" : chat.type === "channel" ? "channel chat" : "group chat";
    return left ? `Forbidden: bot is not a member of the ${kind}` : `Forbidden: bot was kicked from the ${kind}`;
  }

  /**
   * Resolves chat_id as the Bot API does: missing, @username, migrated (400 + migrate_to_chat_id),
   * unknown (400 chat not found, unless unknown chats are accepted), forbidden (403).
   */
  resolveChat(raw: unknown, opts: { checkForbidden?: boolean } = {}): ChatState {
    if (raw === undefined || raw === null || raw === "") throw ApiError.badRequest("chat_id is empty");
    let id: number;
    if (typeof raw === "number") id = raw;
    else if (typeof raw === "string" && /^-?\d+$/.test(raw.trim())) id = Number(raw.trim());
    else if (typeof raw === "string" && raw.startsWith("@")) {
      const found = this.usernames.get(raw.slice(1).toLowerCase());
      if (found === undefined) throw ApiError.badRequest("chat not found");
      id = found;
    } else throw ApiError.badRequest("chat not found");
    if (!Number.isSafeInteger(id) || id === 0) throw ApiError.badRequest("chat not found");

    const migratedTo = this.faults.migrated.get(String(id));
    if (migratedTo !== undefined) {
      throw new ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: migratedTo,
      });
    }
    let state = this.chats.get(id);
    if (!state) {
      if (!this.acceptUnknownChats) throw ApiError.badRequest("chat not found");
      state = this.ensureChat({ id });
    }
    if (opts.checkForbidden !== false) {
      if (this.faults.forbidden.has(String(id))) {
        throw new ApiError(403, this.forbiddenDescription(state.chat, false));
      }
      const rights = this.botRightsIn(state.chat);
      if (rights.status === "kicked" || rights.status === "left") {
        throw new ApiError(403, this.forbiddenDescription(state.chat, rights.status === "left"));
      }
    }
    return state;
  }

  botRightsIn(chat: TgChat): BotRights {
    const own = this.botRights.get(String(chat.id));
    if (own) return own;
    if (chat.type === "private") return { status: "member" };
    return this.defaultBotRights;
  }

  botMember(chat: TgChat): TgChatMember {
    const rights = this.botRightsIn(chat);
    const member: TgChatMember = { user: { ...this.bot }, status: rights.status };
    if (rights.status === "administrator") {
      Object.assign(member, {
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: rights.can_delete_messages ?? false,
        can_manage_video_chats: false,
        can_restrict_members: false,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_pin_messages: rights.can_pin_messages ?? false,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      });
    } else if (rights.status === "restricted") {
      Object.assign(member, {
        is_member: true,
        can_send_messages: true,
        can_pin_messages: rights.can_pin_messages ?? false,
        until_date: 0,
      });
    }
    return member;
  }

  nextMessageId(chatId: number): number {
    const id = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, id);
    return id;
  }

  rememberMember(state: ChatState, user: TgUser, status: TgChatMember["status"] = "member"): void {
    if (user.id === this.bot.id) return;
    const existing = state.members.get(user.id);
    if (existing && status === "member" && existing.status !== "left" && existing.status !== "kicked") {
      existing.user = user;
      return;
    }
    state.members.set(user.id, { user, status });
  }

  // --- messages and logs ------------------------------------------------------------------------

  /** Whether Telegram would hand this group member's message to the bot (privacy mode; see FakeBotApiOptions). */
  botReceives(state: ChatState, message: TgMessage): boolean {
    const chat = state.chat;
    if (chat.type === "private" || chat.type === "channel" || !this.privacyMode) return true;
    if (this.privacyExemptsAdmins && this.botRightsIn(chat).status === "administrator") return true;
    const content = message.text ?? message.caption;
    const hasContent = content !== undefined || message.document || message.photo || message.sticker || message.voice;
    if (!hasContent) return true; // service messages: members joining or leaving, migrations
    if (message.reply_to_message?.from?.id === this.bot.id) return true;
    if (content === undefined) return false;
    const username = (this.bot.username ?? "").toLowerCase();
    const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?(?=\s|$)/.exec(content);
    if (command) return command[1] === undefined || command[1].toLowerCase() === username;
    return username !== "" && new RegExp(`(^|[^A-Za-z0-9_])@${username}(?![A-Za-z0-9_])`, "i").test(content);
  }

  storeMessage(state: ChatState, message: TgMessage, fromBot: boolean): StoredMessage {
    const stored: StoredMessage = { message, fromBot };
    state.messages.set(message.message_id, stored);
    return stored;
  }

  getMessage(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Appends a delivered message to the logs and wakes waiters. */
  recordSent(stored: StoredMessage, record: Omit<SentMessageRecord, "seq" | "editCount" | "pinned" | "deleted">): SentMessageRecord {
    const full = { seq: ++this.seq, ...record, editCount: 0, pinned: false, deleted: false } as SentMessageRecord;
    for (const key in full)
      if ((full as unknown as Record<string, unknown>)[key] === undefined) delete (full as unknown as Record<string, unknown>)[key];
    stored.record = full;
    this.sent.push(full);
    let list = this.sentByChat.get(full.chatId);
    if (!list) {
      list = [];
      this.sentByChat.set(full.chatId, list);
    }
    list.push(full);
    this.stats.delivered++;
    this.sentWaiters.notify(full);
    return full;
  }

  recordEdit(edit: Omit<EditRecord, "seq">): EditRecord {
    const full: EditRecord = { seq: ++this.editSeq, ...edit };
    this.edits.push(full);
    this.editWaiters.notify(full);
    return full;
  }

  recordPin(pin: Omit<PinRecord, "seq">): PinRecord {
    const full: PinRecord = { seq: ++this.pinSeq, ...pin };
    this.pins.push(full);
    this.pinWaiters.notify(full);
    return full;
  }

  recordAnswer(answer: Omit<CallbackAnswerRecord, "seq">): CallbackAnswerRecord {
    const full: CallbackAnswerRecord = { seq: ++this.answerSeq, ...answer };
    this.answers.push(full);
    this.answerWaiters.notify(full);
    return full;
  }

  /**
   * Applies the rate limits to a message into `chatId`; throws 429 when a window is full.
   * `kind` "edit" only counts when edits share the chat limit (and then only the chat window).
   */
  acquireRate(chatId: number, kind: "send" | "edit"): void {
    if (kind === "edit" && !this.limiter.settings.editsShareChatLimit) return;
    const decision = this.limiter.tryAcquire(chatId, this.now(), kind === "send");
    if (!decision.ok) {
      throw new ApiError(429, `Too Many Requests: retry after ${decision.retryAfter}`, {
        retry_after: decision.retryAfter,
      });
    }
  }

  /** A short description of the latest sent messages, for timeout errors. */
  describeRecent(n = 5): string {
    if (this.sent.length === 0) return "No message was delivered.";
    const last = this.sent.slice(-n).map((r) => {
      const body = r.text ?? r.caption ?? (r.document ? `[document ${r.document.fileName ?? ""}]` : r.photo ? "[photo]" : "");
      return `#${r.seq} to ${r.chatId}: ${JSON.stringify(body.length > 120 ? `${body.slice(0, 117)}...` : body)}`;
    });
    return `${this.sent.length} delivered; latest: ${last.join("; ")}`;
  }
}
