/**
 * The FakeBotApi object tests hold: injection of user activity, configuration and faults, and
 * observation (logs, waits, counters). The HTTP side lives in server.ts.
 */
import {
  injectCallback,
  injectDocument,
  injectLeftMember,
  injectMessage,
  injectMigration,
  injectMyChatMember,
  injectNewMembers,
  injectPhoto,
  injectRawUpdate,
  injectSticker,
  injectVoice,
  type InjectCallbackInput,
  type InjectDocumentInput,
  type InjectedCallback,
  type InjectedMessage,
  type InjectLeftMemberInput,
  type InjectMessageInput,
  type InjectMigrationInput,
  type InjectMyChatMemberInput,
  type InjectNewMembersInput,
  type InjectPhotoInput,
  type InjectStickerInput,
  type InjectVoiceInput,
  type UserSpec,
} from "./inject.js";
import { scopeKey } from "./methods-chats.js";
import type { FailNextOptions, ScriptedFailure } from "./faults.js";
import type { FakeState } from "./state.js";
import type {
  BotCommandScope,
  BotRights,
  CallbackAnswerRecord,
  ChatSpec,
  CommandSet,
  DeletionRecord,
  EditRecord,
  FakeStats,
  MemberStatus,
  PinRecord,
  RuntimeConfig,
  SentMessageRecord,
  TgBotCommand,
  TgMessage,
  TgUpdate,
  TgUser,
  WebhookState,
} from "./types.js";

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Only records with seq greater than this (default 0: already delivered ones count too). */
  since?: number;
}

export interface WaitForCountOptions {
  timeoutMs?: number;
  /** Count only matching messages. */
  filter?: (m: SentMessageRecord) => boolean;
}

const DEFAULT_WAIT_MS = 5000;

export class FakeBotApi {
  /** Pass as `telegram.apiRoot` to telegraf. No trailing slash, no path: "http://127.0.0.1:PORT". */
  readonly apiRoot: string;
  /** Base URL of the control API ("<apiRoot>/__fake"). */
  readonly controlUrl: string;
  readonly port: number;
  readonly token: string;
  readonly botInfo: TgUser;

  constructor(
    /** The state behind the fake (for advanced assertions; the methods below are the stable API). */
    readonly state: FakeState,
    port: number,
    host: string,
    private readonly closeServer: () => Promise<void>,
  ) {
    this.port = port;
    this.apiRoot = `http://${host}:${port}`;
    this.controlUrl = `${this.apiRoot}/__fake`;
    this.token = state.options.token;
    this.botInfo = { ...state.bot };
  }

  /** Stops the server: ends waiting long polls (empty result), closes keep-alive sockets, rejects pending waits. */
  close(): Promise<void> {
    return this.closeServer();
  }

  // --- injection ------------------------------------------------------------------------------

  /** A user writes a message (a bot_command entity is added when the text starts with "/"). */
  injectMessage(input: InjectMessageInput): InjectedMessage {
    return injectMessage(this.state, input);
  }

  /**
   * A user presses an inline button on a message the bot sent. Await the bot's answer with
   * `waitForCallbackAnswer(result.callbackQueryId)`.
   */
  injectCallback(
    input: InjectCallbackInput,
  ): InjectedCallback & { waitForAnswer: (options?: { timeoutMs?: number }) => Promise<CallbackAnswerRecord> } {
    const injected = injectCallback(this.state, input);
    return { ...injected, waitForAnswer: (options) => this.waitForCallbackAnswer(injected.callbackQueryId, options) };
  }

  /** A user uploads a file; getFile + download at /file/bot<token>/<file_path> return the bytes. */
  injectDocument(input: InjectDocumentInput): InjectedMessage {
    return injectDocument(this.state, input);
  }

  injectPhoto(input: InjectPhotoInput): InjectedMessage {
    return injectPhoto(this.state, input);
  }

  injectSticker(input: InjectStickerInput): InjectedMessage {
    return injectSticker(this.state, input);
  }

  injectVoice(input: InjectVoiceInput): InjectedMessage {
    return injectVoice(this.state, input);
  }

  /** The bot's own membership changed (added, promoted, removed, blocked); also changes what sending answers. */
  injectMyChatMember(input: InjectMyChatMemberInput): { updateId: number; update: TgUpdate } {
    return injectMyChatMember(this.state, input);
  }

  injectNewMembers(input: InjectNewMembersInput): InjectedMessage {
    return injectNewMembers(this.state, input);
  }

  injectLeftMember(input: InjectLeftMemberInput): InjectedMessage {
    return injectLeftMember(this.state, input);
  }

  /** The group becomes a supergroup: two service messages, and the old id answers 400 + migrate_to_chat_id from now on. */
  injectMigration(input: InjectMigrationInput): { updates: TgUpdate[] } {
    const { updates } = injectMigration(this.state, input);
    return { updates };
  }

  /** Queues any update body (update_id is assigned). */
  injectUpdate(body: Omit<TgUpdate, "update_id">): TgUpdate {
    return injectRawUpdate(this.state, body);
  }

  // --- configuration and faults -----------------------------------------------------------------

  /** Changes options while running (rate limits, faults, unknown chats, bot rights...). */
  configure(config: RuntimeConfig): void {
    this.state.configure(config);
  }

  /**
   * The next `n` calls of `method` (optionally only to one chat) fail with `failure`: a Telegram
   * error body, a bare status code, or "reset" (socket destroyed). Nothing is delivered.
   */
  failNext(method: string, n: number, failure: ScriptedFailure, options?: FailNextOptions): void {
    this.state.faults.failNext(method, n, failure, options);
  }

  /** The chat answers 403 (kicked from the group / blocked by the user) until turned off. */
  setForbidden(chatId: number, forbidden = true): void {
    if (forbidden) this.state.faults.forbidden.add(String(chatId));
    else this.state.faults.forbidden.delete(String(chatId));
  }

  /** Marks a group as migrated without injecting the service messages (see injectMigration). */
  migrateChat(fromChatId: number, toChatId: number): void {
    this.state.faults.migrated.set(String(fromChatId), toChatId);
    this.state.ensureChat({ id: toChatId, type: "supergroup" });
  }

  setBotRights(chatId: number, rights: BotRights): void {
    this.state.botRights.set(String(chatId), rights);
  }

  addChat(spec: ChatSpec): void {
    this.state.ensureChat(spec);
  }

  /** Sets a user's status in a chat (getChatMember / getChatAdministrators read it). */
  setChatMember(chatId: number, user: UserSpec, status: MemberStatus): void {
    const chat = this.state.ensureChat({ id: chatId });
    const u: TgUser = { id: user.id, is_bot: user.is_bot ?? false, first_name: user.first_name ?? `User ${user.id}` };
    if (user.last_name !== undefined) u.last_name = user.last_name;
    if (user.username !== undefined) u.username = user.username;
    chat.members.set(user.id, { user: u, status });
  }

  /** Clears logs, chats, files, counters, faults and queued updates. Ids keep increasing. */
  reset(options?: { keepWebhook?: boolean; keepCommands?: boolean }): void {
    this.state.reset(options);
  }

  // --- observation ------------------------------------------------------------------------------

  /** Every delivered outgoing message, in order (live records: edits applied). */
  allMessages(): SentMessageRecord[] {
    return this.state.sent.slice();
  }

  messagesTo(chatId: number): SentMessageRecord[] {
    return (this.state.sentByChat.get(chatId) ?? []).slice();
  }

  lastMessageTo(chatId: number): SentMessageRecord | undefined {
    const list = this.state.sentByChat.get(chatId);
    return list ? list[list.length - 1] : undefined;
  }

  /** The current Bot API Message (any message: the bot's or injected), or undefined. */
  message(chatId: number, messageId: number): TgMessage | undefined {
    return this.state.getMessage(chatId, messageId)?.message;
  }

  /** The record of a message the bot sent. */
  sentMessage(chatId: number, messageId: number): SentMessageRecord | undefined {
    return this.state.getMessage(chatId, messageId)?.record;
  }

  /** Number of delivered messages so far (also the seq of the latest one). */
  get deliveredCount(): number {
    return this.state.sent.length;
  }

  /** Resolves with the first delivered message (already delivered, or future) matching `predicate`. */
  waitFor(predicate: (m: SentMessageRecord) => boolean, options: WaitOptions = {}): Promise<SentMessageRecord> {
    const since = options.since ?? 0;
    for (const m of this.state.sent) if (m.seq > since && predicate(m)) return Promise.resolve(m);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return this.state.sentWaiters.wait(
      (m) => m.seq > since && predicate(m),
      timeoutMs,
      "a matching message",
      () => this.state.describeRecent(),
    );
  }

  /** Shortcut: the next message to `chatId` after the ones already delivered (or after `since`). */
  waitForMessageTo(chatId: number, options: WaitOptions = {}): Promise<SentMessageRecord> {
    const since = options.since ?? this.state.sent.length;
    return this.waitFor((m) => m.chatId === chatId, { ...options, since });
  }

  /** Resolves when `n` messages (matching `filter`, if given) were delivered in total; returns the first n. */
  async waitForCount(n: number, options: WaitForCountOptions = {}): Promise<SentMessageRecord[]> {
    const filter = options.filter;
    let count = 0;
    if (filter) {
      for (const m of this.state.sent) if (filter(m)) count++;
    } else count = this.state.sent.length;
    if (count < n) {
      await this.state.sentWaiters.wait(
        (m) => {
          if (!filter || filter(m)) count++;
          return count >= n;
        },
        options.timeoutMs ?? DEFAULT_WAIT_MS,
        `${n} messages (got ${count})`,
        () => this.state.describeRecent(),
      );
    }
    if (!filter) return this.state.sent.slice(0, n);
    const out: SentMessageRecord[] = [];
    for (const m of this.state.sent) {
      if (filter(m)) out.push(m);
      if (out.length === n) break;
    }
    return out;
  }

  waitForEdit(predicate: (e: EditRecord) => boolean, options: WaitOptions = {}): Promise<EditRecord> {
    const since = options.since ?? 0;
    for (const e of this.state.edits) if (e.seq > since && predicate(e)) return Promise.resolve(e);
    return this.state.editWaiters.wait(
      (e) => e.seq > since && predicate(e),
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      "a matching edit",
      () => `${this.state.edits.length} edits so far.`,
    );
  }

  waitForPin(predicate: (p: PinRecord) => boolean, options: WaitOptions = {}): Promise<PinRecord> {
    const since = options.since ?? 0;
    for (const p of this.state.pins) if (p.seq > since && predicate(p)) return Promise.resolve(p);
    return this.state.pinWaiters.wait(
      (p) => p.seq > since && predicate(p),
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      "a matching pin",
      () => `${this.state.pins.length} pin actions so far.`,
    );
  }

  /** Resolves with the bot's answerCallbackQuery for this query. */
  waitForCallbackAnswer(callbackQueryId: string, options: { timeoutMs?: number } = {}): Promise<CallbackAnswerRecord> {
    const done = this.state.callbackQueries.get(callbackQueryId)?.answer;
    if (done) return Promise.resolve(done);
    return this.state.answerWaiters.wait(
      (a) => a.callbackQueryId === callbackQueryId,
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      `answerCallbackQuery for ${callbackQueryId}`,
      () => `${this.state.answers.length} callback answers so far; ${this.state.describeRecent(3)}`,
    );
  }

  edits(): EditRecord[] {
    return this.state.edits.slice();
  }

  pins(): PinRecord[] {
    return this.state.pins.slice();
  }

  /** Ids of the messages currently pinned in a chat, most recent last. */
  pinnedIn(chatId: number): number[] {
    return (this.state.chats.get(chatId)?.pinned ?? []).slice();
  }

  callbackAnswers(): CallbackAnswerRecord[] {
    return this.state.answers.slice();
  }

  deletions(): DeletionRecord[] {
    return this.state.deletions.slice();
  }

  /** Commands set for a scope (default scope) and language ("" = all languages). */
  commands(scope: BotCommandScope = { type: "default" }, languageCode = ""): TgBotCommand[] {
    return (this.state.commands.get(scopeKey(scope, languageCode))?.commands ?? []).slice();
  }

  allCommands(): CommandSet[] {
    return [...this.state.commands.values()];
  }

  /** A snapshot of the counters. */
  stats(): FakeStats {
    const s = this.state.stats;
    return { ...s, byMethod: { ...s.byMethod }, rateLimitedByChat: { ...s.rateLimitedByChat } };
  }

  /** Updates queued and not yet confirmed by getUpdates (or accepted by the webhook). */
  pendingUpdates(): TgUpdate[] {
    return this.state.queue.pending();
  }

  webhook(): WebhookState | null {
    return this.state.queue.webhook;
  }

  /** True while a getUpdates long poll is waiting (the bot is polling). */
  get isPolling(): boolean {
    return this.state.queue.hasWaitingPoll;
  }
}
