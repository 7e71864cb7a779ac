/**
 * Public types of the fake Telegram Bot API: the Bot API objects it produces (a loose subset of
 * the real ones, enough for tests), the options it starts with, and the records tests read.
 */

/** Telegram's `User`. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type ChatType = "private" | "group" | "supergroup" | "channel";

/** Telegram's `Chat`. */
export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** Telegram's `MessageEntity`. */
export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
}

export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

/** Telegram's `Message` (only the fields the fake fills in). */
export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  edit_date?: number;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  reply_markup?: TgInlineKeyboardMarkup;
  reply_to_message?: TgMessage;
  document?: TgDocument;
  photo?: TgPhotoSize[];
  sticker?: Record<string, unknown>;
  voice?: Record<string, unknown>;
  media_group_id?: string;
  link_preview_options?: unknown;
  new_chat_members?: TgUser[];
  new_chat_member?: TgUser;
  new_chat_participant?: TgUser;
  left_chat_member?: TgUser;
  left_chat_participant?: TgUser;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
  pinned_message?: TgMessage;
  group_chat_created?: true;
  [key: string]: unknown;
}

export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** Telegram's `ChatMember` (flattened: the union's fields are all optional here). */
export interface TgChatMember {
  user: TgUser;
  status: MemberStatus;
  can_pin_messages?: boolean;
  [key: string]: unknown;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

/** Telegram's `Update`. Exactly one of the optional fields is set. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
  chat_member?: TgChatMemberUpdated;
  [key: string]: unknown;
}

export interface TgBotCommand {
  command: string;
  description: string;
}

/** Telegram's BotCommandScope (normalised: chat_id is the numeric id). */
export interface BotCommandScope {
  type: "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" | "chat" | "chat_administrators" | "chat_member";
  chat_id?: number;
  user_id?: number;
}

/** The commands stored for one scope and language ("" = all languages). */
export interface CommandSet {
  scope: BotCommandScope;
  languageCode: string;
  commands: TgBotCommand[];
}

/** Telegram's error body, also what `failNext` takes. */
export interface TgErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/** One sliding window: at most `limit` messages in any `windowMs` milliseconds. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Rate limits. Each window can be `false` (disabled). Defaults are close to Telegram's. */
export interface RateLimitOptions {
  /** Master switch. Default true. */
  enabled: boolean;
  /** Across all chats. Default 30 per 1000 ms. */
  global: WindowLimit | false;
  /** Per group chat (negative id). Default 20 per 60000 ms. */
  group: WindowLimit | false;
  /** Per private chat (positive id). Default 1 per 1000 ms. */
  private: WindowLimit | false;
  /** Whether edits, pins and deletions count against (and are refused by) the per-chat window. Default false. */
  editsShareChatLimit: boolean;
}

/** Random and per-chat faults. All random decisions come from `seed` (see faults.ts). */
export interface FaultOptions {
  /** Seed of the deterministic fault decisions. Default 1. */
  seed: number;
  /** Probability (0..1) that a faultable call answers 5xx. Default 0. */
  serverErrorRate: number;
  /** Which 5xx codes to pick from (uniformly). Default [500, 502]. */
  serverErrorCodes: number[];
  /**
   * Probability (0..1) that a 5xx happens AFTER the message was delivered (the client sees an
   * error but the message is in the chat: the duplicate-send trap). Default 0: every 5xx is
   * answered before delivery.
   */
  serverErrorAfterDeliveryRate: number;
  /** Probability (0..1) that a faultable call gets its socket destroyed without an answer (not delivered). Default 0. */
  resetRate: number;
  /** Methods random faults apply to. Default: the sending methods. */
  methods: string[];
  /** Chats that answer 403 (kicked from group / blocked by user). */
  forbiddenChats: Array<number | string>;
  /** Old group id -> new supergroup id: calls to the old id answer 400 with migrate_to_chat_id. */
  migratedChats: Record<string, number>;
}

/** The bot's own rights in a chat. */
export interface BotRights {
  status: "administrator" | "member" | "restricted" | "left" | "kicked" | "creator";
  can_pin_messages?: boolean;
  can_delete_messages?: boolean;
}

export interface WebhookDeliveryOptions {
  /** Delays between attempts after a non-2xx answer or a network error. Default [100, 200, 400, 800, 1600, 3200]. */
  retryDelaysMs: number[];
  /** Give up on one update after this many failed attempts (the update is dropped, as Telegram eventually does). Default 20. */
  maxAttempts: number;
  /** Per-attempt timeout. Default 10000 ms. */
  timeoutMs: number;
  /**
   * POST to http:// when the webhook URL is https:// on a loopback host (127.0.0.1, localhost, ::1).
   * Default true: telegraf's launch({ webhook }) and createWebhook() always register "https://",
   * while a test's webhook server speaks plain HTTP.
   */
  downgradeLoopbackHttps: boolean;
}

export interface ChatSpec {
  id: number;
  type?: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface FakeBotApiOptions {
  /** Default 127.0.0.1. */
  host: string;
  /** Default 0 (a free port). */
  port: number;
  /** The only token accepted. Default "123456789:AAFakeTelegramBotTokenForTests_0000". The bot id is the part before ":". */
  token: string;
  botUsername: string;
  botFirstName: string;
  /** When false, only chats that are known (declared in `chats`, injected, or added) are found. Default true. */
  acceptUnknownChats: boolean;
  /** Chats known from the start (e.g. with titles for getChat). */
  chats: ChatSpec[];
  rateLimits: Partial<RateLimitOptions> | false;
  faults: Partial<FaultOptions>;
  /** Rights the bot has in group chats unless set per chat. Default administrator with can_pin_messages. */
  defaultBotRights: BotRights;
  /** Per chat id. */
  botRights: Record<string, BotRights>;
  /**
   * Reject a bare "&" that does not start an entity (&lt; &gt; &amp; &quot; &#NN; &#xNN;) in HTML text.
   * Default true. Real Telegram (tdlib) keeps such an "&" literally; set false to mimic it exactly.
   */
  strictHtmlEntities: boolean;
  /** Largest request body accepted. Default 60 MB. */
  maxBodyBytes: number;
  /** Largest timeout a getUpdates may ask for, in seconds. Default 50. */
  maxLongPollSeconds: number;
  webhook: Partial<WebhookDeliveryOptions>;
  /** Store bytes the bot uploads (deduplicated by sha256) so they can be downloaded again. Default true. */
  keepUploadedBytes: boolean;
  /**
   * Telegram's group privacy mode (BotFather's /setprivacy), on by default as for every new bot: in groups
   * the bot receives only commands (`/cmd`, `/cmd@this_bot`), replies to its own messages, messages that
   * mention it (`@this_bot`) and service messages. Other group messages are stored (people see them) but
   * never reach the bot. Default true.
   */
  privacyMode: boolean;
  /**
   * Telegram delivers every group message to a bot that is an administrator there, privacy mode or not.
   * The fake's default rights make the bot an administrator everywhere (to pin), so this is off by default:
   * tests then show what breaks in groups where the bot is a plain member. Default false.
   */
  privacyExemptsAdmins: boolean;
  /** Clock in epoch ms (rate limits, record times, dates). Default Date.now. */
  now: () => number;
}

/** Options that can be changed while the fake runs (`fake.configure`, POST /__fake/config). */
export interface RuntimeConfig {
  acceptUnknownChats?: boolean;
  /** false turns limits off; an object turns them on (unless enabled: false) and replaces the given windows. History is forgotten. */
  rateLimits?: Partial<RateLimitOptions> | false;
  faults?: Partial<FaultOptions>;
  defaultBotRights?: BotRights;
  botRights?: Record<string, BotRights>;
  strictHtmlEntities?: boolean;
  webhook?: Partial<WebhookDeliveryOptions>;
  privacyMode?: boolean;
  privacyExemptsAdmins?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Records (what tests read)
// ---------------------------------------------------------------------------------------------

/** A file the bot sent, as recorded. */
export interface SentFileInfo {
  fileName?: string;
  mimeType?: string;
  size: number;
  sha256: string;
  fileId: string;
  fileUniqueId: string;
  /** True when the bot re-sent an existing file_id instead of uploading bytes. */
  byFileId: boolean;
}

export type SendMethod = "sendMessage" | "sendDocument" | "sendPhoto" | "sendMediaGroup";

/**
 * One delivered outgoing message. The record is live: edits, pins and deletions update it, so a
 * test reads the final text and keyboard of a message here.
 */
export interface SentMessageRecord {
  /** 1, 2, 3... in delivery order. */
  seq: number;
  method: SendMethod;
  chatId: number;
  messageId: number;
  /** The text as the bot sent it (markup included), after the latest edit. */
  text?: string;
  /** The text Telegram would show: tags removed, entities decoded, trimmed. */
  plainText?: string;
  caption?: string;
  plainCaption?: string;
  entities?: TgMessageEntity[];
  parseMode?: string;
  replyMarkup?: TgInlineKeyboardMarkup | Record<string, unknown>;
  replyToMessageId?: number;
  disableNotification?: boolean;
  linkPreviewOptions?: unknown;
  document?: SentFileInfo;
  photo?: SentFileInfo;
  mediaGroupId?: string;
  /** Epoch ms of delivery. */
  at: number;
  /** Id of the HTTP request that delivered it (also in the x-fake-request-id response header). */
  requestId: number;
  editCount: number;
  editedAt?: number;
  pinned: boolean;
  deleted: boolean;
}

export interface EditRecord {
  seq: number;
  method: "editMessageText" | "editMessageReplyMarkup" | "editMessageCaption";
  chatId: number;
  messageId: number;
  text?: string;
  plainText?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: TgInlineKeyboardMarkup | Record<string, unknown>;
  at: number;
  requestId: number;
}

export interface PinRecord {
  seq: number;
  action: "pin" | "unpin" | "unpinAll";
  chatId: number;
  messageId?: number;
  disableNotification?: boolean;
  at: number;
  requestId: number;
}

export interface CallbackAnswerRecord {
  seq: number;
  callbackQueryId: string;
  text?: string;
  showAlert?: boolean;
  url?: string;
  cacheTime?: number;
  at: number;
  requestId: number;
}

export interface DeletionRecord {
  chatId: number;
  messageId: number;
  at: number;
  requestId: number;
}

export interface FakeStats {
  /** Bot API requests (control API excluded). */
  requests: number;
  /** Messages delivered by the sending methods. */
  delivered: number;
  rateLimited429: number;
  injected5xx: number;
  /** 5xx answered after the message was delivered (included in injected5xx). */
  injected5xxAfterDelivery: number;
  resets: number;
  forbidden403: number;
  migrated400: number;
  /** All other 4xx answers (validation, not found...). */
  badRequests: number;
  /** Requests per method (as called, e.g. "sendMessage"). */
  byMethod: Record<string, number>;
  /** 429 answers per chat id. */
  rateLimitedByChat: Record<string, number>;
  /** Updates injected / handed out by getUpdates / pushed to a webhook with a 2xx answer. */
  updatesInjected: number;
  /** group messages the bot did not receive because of privacy mode */
  updatesWithheld: number;
  updatesFetched: number;
  webhookDelivered: number;
  webhookFailedAttempts: number;
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
}
