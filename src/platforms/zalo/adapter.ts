/**
 * The Zalo edge: a zca-js session (logged in from the credentials file, no person needed) whose listener
 * brings events in, and a sender the outbox uses to send. Nothing here decides anything: listener events
 * become inbound events for the dispatcher.
 *
 * Keeping the session alive (Zalo Web sessions die after days or weeks and are bound to the user agent):
 * - the cookie jar is saved back to the credentials file every 30 minutes (0600, atomically), after a
 *   keep-alive call, so a restart logs in with the freshest cookies;
 * - when the listener closes (zca-js does not reconnect on close code 1006) it is restarted with
 *   exponential back-off; from the third attempt the adapter logs in again from the saved cookies;
 * - a session that cannot be restored (Zalo refuses the login, the connection is taken over by another
 *   login of the account: close codes 3000 and 3003, or too many failed attempts in a row) stops Zalo
 *   cleanly: one clear log line tells the operator to run `council zalo login`, `onSessionLost(reason)`
 *   lets the app alert the administrators on Telegram, and nothing is thrown, so Telegram keeps running.
 *   Messages for Zalo wait in the outbox. When `council zalo login` rewrites the credentials file the
 *   adapter notices and connects again on its own (after network trouble it also retries every 15 minutes).
 */
import { statSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { Message, Reaction, SendMessageQuote } from "zca-js";
import type { Logger } from "../../logging/logger.js";
import { redactSecrets } from "../../logging/logger.js";
import type { InboundHandler, PlatformInfo } from "../../messaging/platform.js";
import type { InboundEvent } from "../../messaging/events.js";
import { readCredentials, writeCredentials, type ZaloCredentials } from "./credentials.js";
import { isLoginRejection } from "./errors.js";
import { groupEventToEvents, messageToEvent, reactionToEvent, undoToEvent, type InboundContext } from "./inbound.js";
import type { MenuStore } from "./menus.js";
import { downloadLimited, ZaloSender } from "./sender.js";
import {
  adaptZcaApi,
  createRealZaloApi,
  ThreadType,
  type ZaloApi,
  type ZaloConnector,
  type ZaloListenerEvent,
  type ZaloListenerEvents,
} from "./zalo-api.js";

export const ZALO_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** zca-js's close codes (CloseReason). */
export const CLOSE_CODES = { manual: 1000, abnormal: 1006, duplicateConnection: 3000, kickConnection: 3003 } as const;

export type ZaloState = "stopped" | "connecting" | "connected" | "reconnecting" | "session_lost";

/**
 * Why the session was lost: no usable credentials file, Zalo refused the saved session, another
 * connection of the account took over (3000), the account logged in elsewhere (3003), or Zalo could not
 * be reached in many attempts.
 */
export type SessionLossKind = "credentials" | "rejected" | "taken_over" | "signed_out_elsewhere" | "unreachable";

export interface ReconnectPolicy {
  /** first wait after a close, ms (doubles each attempt) */
  baseMs: number;
  /** longest wait, ms */
  maxMs: number;
  /** attempts in a row without a stable connection before the session counts as lost */
  maxAttempts: number;
  /** a connection that lasted this long resets the attempt count */
  stableAfterMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 2000, maxMs: 5 * 60_000, maxAttempts: 10, stableAfterMs: 60_000 };

export interface ZaloAdapterOptions {
  /** ZALO_CREDENTIALS_FILE */
  credentialsFile: string;
  /** ZALO_SEND_GAP_MS */
  sendGapMs: number;
  /** ZALO_GROUP_GAP_MS */
  groupGapMs: number;
  logger: Logger;
  /** where numbered menus are remembered (databaseMenuStore(db, clock)) */
  menus: MenuStore;
  /** logs in from credentials; the default is zca-js (tests pass a fake) */
  connect?: ZaloConnector;
  /**
   * the session cannot be restored: alert the administrators (called once per loss; errors are logged).
   * `reason` is an English sentence for logs; `kind` says why, for a message in Vietnamese.
   */
  onSessionLost?: (reason: string, kind: SessionLossKind) => void | Promise<void>;
  /** connected again after a lost session */
  onSessionRestored?: () => void | Promise<void>;
  reconnect?: Partial<ReconnectPolicy>;
  /** how often the cookie jar is saved, ms (default 30 minutes) */
  cookieSaveIntervalMs?: number;
  /** after a lost session: how often to look for new credentials, ms (default 1 minute) */
  credentialsCheckIntervalMs?: number;
  /** after a lost session caused by network trouble: how often to try again anyway, ms (default 15 minutes) */
  retryLostSessionMs?: number;
  /**
   * after each (re)connection the messages and reactions missed meanwhile are read back from Zalo and
   * handled, when at most this old (ms; ZALO_CATCH_UP_HOURS; 0 = none). Default 24 hours.
   */
  catchUpMs?: number;
  /** largest file a user may send the bot that it downloads, bytes */
  maxDownloadBytes?: number;
  /** seams for tests */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  every?: (ms: number, fn: () => void) => () => void;
  fetch?: typeof fetch;
  /** sender tuning (tests) */
  sender?: { callTimeoutMs?: number; maxThrottledInARow?: number };
}

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
  });

const realEvery = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms);
  t.unref?.();
  return () => clearInterval(t);
};

const RECENT_MESSAGES = 1000;
export const DEFAULT_CATCH_UP_MS = 24 * 60 * 60_000;
const TITLE_TTL_MS = 6 * 60 * 60_000;
const TITLE_RETRY_MS = 10 * 60_000;

export class ZaloAdapter {
  readonly sender: ZaloSender;
  readonly info: PlatformInfo;
  private readonly policy: ReconnectPolicy;
  private readonly connect: ZaloConnector;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly every: (ms: number, fn: () => void) => () => void;
  private readonly log: Logger;

  private currentState: ZaloState = "stopped";
  private api: ZaloApi | null = null;
  private credentials: ZaloCredentials | null = null;
  private ownId = "";
  private dispatcher: InboundHandler | undefined;
  /** bumped whenever a connection is abandoned, so stale timers and callbacks do nothing */
  private generation = 0;
  private attempts = 0;
  private connectedAt = 0;
  private detachHandlers: (() => void) | undefined;
  private stopCookieTimer: (() => void) | undefined;
  private stopWatcher: (() => void) | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private readonly lanes = new Map<string, Promise<InboundEvent[]>>();
  private readonly recent = new Map<string, SendMessageQuote>();
  private readonly titles = new Map<string, { title: string | undefined; at: number }>();
  private lostReason: string | null = null;
  /** the connection has not yet asked Zalo for what was missed before it */
  private catchUpPending = false;

  constructor(private readonly o: ZaloAdapterOptions) {
    this.policy = { ...DEFAULT_RECONNECT, ...o.reconnect };
    this.connect = o.connect ?? createRealZaloApi;
    this.sleep = o.sleep ?? realSleep;
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.every = o.every ?? realEvery;
    this.log = o.logger;
    this.sender = new ZaloSender({
      sendGapMs: o.sendGapMs,
      groupGapMs: o.groupGapMs,
      session: () => this.api,
      saveMenu: (chat, id, choices) => o.menus.save(chat, id, choices),
      quoteFor: (chat, id) => this.recent.get(`${chat}:${id}`),
      onSessionError: (reason) => this.sessionError(reason),
      logger: o.logger,
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.sender ?? {}),
    });
    const maxDownloadBytes = o.maxDownloadBytes ?? ZALO_DOWNLOAD_LIMIT;
    this.info = {
      displayName: "Zalo",
      buttons: false,
      maxDownloadBytes,
      // A personal Zalo account has no link that opens a chat and sends a command.
      deepLink: () => null,
      // Zalo sends photos and files as links; the file id is the URL.
      downloadFile: (fileId) => {
        if (!/^https:\/\//i.test(fileId)) return Promise.reject(new Error("a Zalo file id must be an https URL"));
        return downloadLimited(o.fetch ?? fetch, fileId, maxDownloadBytes);
      },
    };
  }

  get state(): ZaloState {
    return this.currentState;
  }

  /** The account's own Zalo id, once connected. */
  get accountId(): string {
    return this.ownId;
  }

  /**
   * Logs in and starts listening. Resolves once connected, or once it is clear that it cannot be (then Zalo
   * stays stopped, `onSessionLost` was called, and retries go on in the background). Never throws.
   */
  async start(dispatcher: InboundHandler): Promise<void> {
    if (this.currentState !== "stopped") return;
    this.dispatcher = dispatcher;
    this.currentState = "connecting";
    const gen = ++this.generation;
    const result = await this.login(gen);
    if (result.kind === "failed" && gen === this.generation) void this.scheduleReconnect(`login failed: ${result.reason}`, true);
  }

  /** Stops listening, saves the cookie jar, and waits for events being handled. */
  async stop(): Promise<void> {
    const wasConnected = this.api !== null;
    this.generation++;
    this.currentState = "stopped";
    this.stopWatcher?.();
    this.stopWatcher = undefined;
    this.stopCookieTimer?.();
    this.stopCookieTimer = undefined;
    if (wasConnected) await this.saveCookies(false);
    this.detach();
    await this.idle();
  }

  /** Resolves when no inbound event is being handled (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  // --- connection -------------------------------------------------------------------------------

  private async login(gen: number): Promise<{ kind: "ok" } | { kind: "lost" } | { kind: "failed"; reason: string }> {
    const read = await readCredentials(this.o.credentialsFile);
    if (gen !== this.generation) return { kind: "failed", reason: "superseded" };
    if (!read.ok) {
      await this.lose(read.message, { retryable: false, kind: "credentials" });
      return { kind: "lost" };
    }
    if (read.fixedMode)
      this.log.warn({ file: this.o.credentialsFile }, "the Zalo credentials file was readable by others; its mode was set to 0600");
    let api: ZaloApi;
    try {
      api = adaptZcaApi(await this.connect(read.credentials));
    } catch (err) {
      if (gen !== this.generation) return { kind: "failed", reason: "superseded" };
      const reason = redactSecrets((err as Error)?.message ?? String(err));
      if (isLoginRejection(err)) {
        await this.lose(`Zalo refused the saved session (${reason})`, { retryable: false, kind: "rejected" });
        return { kind: "lost" };
      }
      this.log.warn({ reason }, "could not reach Zalo to log in; will retry");
      return { kind: "failed", reason };
    }
    if (gen !== this.generation) {
      try {
        api.listener.stop();
      } catch {
        // never started
      }
      return { kind: "failed", reason: "superseded" };
    }
    this.credentials = read.credentials;
    this.ownId = String(api.getOwnId());
    this.attach(api, gen);
    this.api = api;
    try {
      // Reconnecting is ours alone: zca-js's own retry timer would restart a listener we already let go.
      api.listener.start({ retryOnClose: false });
    } catch (err) {
      this.log.warn({ reason: redactSecrets((err as Error).message) }, "zalo listener did not start");
    }
    this.stopCookieTimer?.();
    this.stopCookieTimer = this.every(this.o.cookieSaveIntervalMs ?? 30 * 60_000, () => void this.saveCookies(true));
    await this.saveCookies(false);
    this.log.info({ account: this.ownId }, "zalo logged in");
    return { kind: "ok" };
  }

  private attach(api: ZaloApi, gen: number): void {
    this.detach();
    const handlers: { [K in ZaloListenerEvent]?: (...args: ZaloListenerEvents[K]) => void } = {
      connected: () => {
        if (gen !== this.generation) return;
        const wasReconnecting = this.currentState === "reconnecting";
        this.currentState = "connected";
        this.connectedAt = this.now();
        this.catchUpPending = true;
        this.log.info(wasReconnecting ? "zalo listener reconnected" : "zalo listener connected");
      },
      disconnected: (code, reason) => {
        if (gen === this.generation) this.log.debug({ code, reason }, "zalo listener disconnected");
      },
      closed: (code, reason) => {
        if (gen === this.generation) void this.closed(code, reason);
      },
      error: (error) => {
        if (gen === this.generation)
          this.log.warn({ reason: redactSecrets(String((error as { message?: string })?.message ?? error)) }, "zalo listener error");
      },
      cipher_key: () => {
        // The socket can decode answers from now on: ask once per connection for what was missed before it.
        if (gen !== this.generation || !this.catchUpPending) return;
        this.catchUpPending = false;
        this.requestMissed(api);
      },
      message: (message) => {
        if (gen === this.generation) this.onMessage(message);
      },
      old_messages: (messages) => {
        if (gen !== this.generation) return;
        const missed = this.missed(
          messages,
          (m) => m.data.ts,
          (m) => m.isSelf,
        );
        if (missed.length > 0) this.log.info({ count: missed.length }, "zalo: handling messages sent while the bot was not connected");
        for (const message of missed) this.onMessage(message);
      },
      reaction: (reaction) => {
        if (gen === this.generation) this.onReaction(reaction);
      },
      old_reactions: (reactions) => {
        if (gen !== this.generation) return;
        for (const reaction of this.missed(
          reactions,
          (r) => r.data.ts,
          (r) => r.isSelf,
        ))
          this.onReaction(reaction);
      },
      undo: (undo) => {
        if (gen === this.generation)
          this.dispatch(String(undo.threadId), async (ctx) => {
            const e = await undoToEvent(undo, ctx);
            return e ? [e] : [];
          });
      },
      group_event: (event) => {
        if (gen === this.generation) this.dispatch(String(event.threadId), (ctx) => groupEventToEvents(event, ctx));
      },
    };
    const entries = Object.entries(handlers) as [ZaloListenerEvent, (...args: never[]) => void][];
    for (const [event, handler] of entries) api.listener.on(event, handler as never);
    this.detachHandlers = () => {
      for (const [event, handler] of entries) api.listener.off(event, handler as never);
      try {
        api.listener.stop();
      } catch {
        // already stopped
      }
    };
  }

  private onMessage(message: Message): void {
    if (!message.isSelf) this.remember(message.threadId, message.data as unknown as Record<string, unknown>);
    this.dispatch(String(message.threadId), async (ctx) => {
      const e = await messageToEvent(message, ctx);
      return e ? [e] : [];
    });
  }

  private onReaction(reaction: Reaction): void {
    this.dispatch(String(reaction.threadId), async (ctx) => {
      const e = await reactionToEvent(reaction, ctx);
      return e ? [e] : [];
    });
  }

  /**
   * After a restart or reconnection: Zalo answers with the session's recent messages (about two weeks),
   * seen or not. Those within the catch-up window are handled in the order they were written; the ones
   * already handled are recognised by the dispatcher (processed events, keyed by Zalo's message id).
   */
  private requestMissed(api: ZaloApi): void {
    if ((this.o.catchUpMs ?? DEFAULT_CATCH_UP_MS) <= 0) return;
    try {
      for (const type of [ThreadType.User, ThreadType.Group]) {
        api.listener.requestOldMessages(type);
        api.listener.requestOldReactions(type);
      }
    } catch (err) {
      this.log.warn({ reason: redactSecrets((err as Error).message) }, "zalo: could not ask for the messages missed meanwhile");
    }
  }

  /** Others' items no older than the catch-up window, oldest first. */
  private missed<T>(items: T[], ts: (item: T) => string | number | undefined, isSelf: (item: T) => boolean): T[] {
    const since = this.now() - (this.o.catchUpMs ?? DEFAULT_CATCH_UP_MS);
    return items.filter((item) => !isSelf(item) && Number(ts(item)) >= since).sort((a, b) => Number(ts(a)) - Number(ts(b)));
  }

  private detach(): void {
    const detach = this.detachHandlers;
    this.detachHandlers = undefined;
    this.api = null;
    detach?.();
  }

  private async closed(code: number, reason: string): Promise<void> {
    if (this.currentState === "stopped" || this.currentState === "session_lost") return;
    const lasted = this.connectedAt > 0 ? this.now() - this.connectedAt : 0;
    this.connectedAt = 0;
    if (lasted >= this.policy.stableAfterMs) this.attempts = 0;
    const detail = `close code ${code}${reason ? `: ${reason}` : ""}`;
    if (code === CLOSE_CODES.duplicateConnection) {
      return this.lose(
        `another connection to this Zalo account took over (${detail}): another copy of the bot, or Zalo Web, is using the same account`,
        { retryable: false, kind: "taken_over" },
      );
    }
    if (code === CLOSE_CODES.kickConnection) {
      return this.lose(
        `Zalo signed this session out because the account logged in elsewhere (${detail}), e.g. Zalo Web was opened with it`,
        { retryable: false, kind: "signed_out_elsewhere" },
      );
    }
    this.log.warn({ code, reason }, "zalo listener closed; reconnecting");
    return this.scheduleReconnect(`listener closed (${detail})`, false);
  }

  /** Waits (exponential back-off), then restarts the listener, or logs in again from the third attempt. */
  private async scheduleReconnect(why: string, forceLogin: boolean): Promise<void> {
    if (this.currentState === "stopped" || this.currentState === "session_lost") return;
    this.attempts++;
    if (this.attempts > this.policy.maxAttempts) {
      return this.lose(`the connection to Zalo failed ${this.attempts - 1} times in a row (last: ${why})`, {
        retryable: true,
        kind: "unreachable",
      });
    }
    const gen = this.generation;
    this.currentState = "reconnecting";
    const exp = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** (this.attempts - 1));
    const delay = Math.round(exp * (0.8 + 0.2 * this.random()));
    this.log.info({ attempt: this.attempts, delayMs: delay }, "zalo: reconnecting after a wait");
    await this.sleep(delay);
    if (gen !== this.generation || this.currentState !== "reconnecting") return;
    const api = this.api;
    if (api && !forceLogin && this.attempts <= 2) {
      try {
        api.listener.start({ retryOnClose: false });
        return; // "connected" or "closed" will tell
      } catch (err) {
        this.log.warn({ reason: redactSecrets((err as Error).message) }, "zalo listener restart failed; logging in again");
      }
    }
    // Log in again with the freshest cookies: a new session object, a new listener.
    if (api) await this.saveCookies(false);
    const nextGen = ++this.generation;
    this.detach();
    const result = await this.login(nextGen);
    if (result.kind === "failed" && nextGen === this.generation) return this.scheduleReconnect(`login failed: ${result.reason}`, true);
  }

  /** The sender learnt that Zalo no longer accepts the session: check by logging in again. */
  private sessionError(reason: string): void {
    if (this.currentState !== "connected" && this.currentState !== "connecting") return;
    this.log.warn({ reason }, "zalo refused a call as if the session were gone; logging in again to check");
    void this.scheduleReconnect(`session refused: ${reason}`, true);
  }

  private async lose(reason: string, opts: { retryable: boolean; kind: SessionLossKind }): Promise<void> {
    if (this.currentState === "stopped" || this.currentState === "session_lost") return;
    this.generation++;
    this.currentState = "session_lost";
    this.lostReason = reason;
    this.stopCookieTimer?.();
    this.stopCookieTimer = undefined;
    this.detach();
    this.log.error(
      { reason },
      `Zalo stopped: ${reason}. Run \`council zalo login\` on this server to sign in again (the service picks up the new session by itself); Telegram keeps running and Zalo messages wait in the outbox.`,
    );
    try {
      await this.o.onSessionLost?.(reason, opts.kind);
    } catch (err) {
      this.log.error({ err }, "could not report the lost Zalo session");
    }
    this.watchForNewSession(opts.retryable);
  }

  /** After a loss: connect again when `council zalo login` has written new credentials (or, after network trouble, from time to time). */
  private watchForNewSession(retryable: boolean): void {
    this.stopWatcher?.();
    const file = this.o.credentialsFile;
    const mtimeOf = async () => (await stat(file).catch(() => null))?.mtimeMs ?? null;
    // The file as it is now (the credentials that just failed); read at once so a quick re-login is not missed.
    let baseline: number | null = (() => {
      try {
        return statSync(file).mtimeMs;
      } catch {
        return null;
      }
    })();
    const startedAt = this.now();
    let lastTry = startedAt;
    let busy = false;
    this.stopWatcher = this.every(this.o.credentialsCheckIntervalMs ?? 60_000, () => {
      if (busy || this.currentState !== "session_lost") return;
      busy = true;
      void (async () => {
        try {
          const mtime = await mtimeOf();
          const changed = mtime !== null && mtime !== baseline;
          const due = retryable && this.now() - lastTry >= (this.o.retryLostSessionMs ?? 15 * 60_000);
          if (!changed && !due) return;
          baseline = mtime;
          lastTry = this.now();
          this.log.info({ reason: changed ? "new credentials" : "periodic retry" }, "zalo: trying to connect again");
          await this.resume();
        } finally {
          busy = false;
        }
      })();
    });
  }

  private async resume(): Promise<void> {
    if (this.currentState !== "session_lost") return;
    this.currentState = "connecting";
    this.attempts = 0;
    const gen = ++this.generation;
    const result = await this.login(gen);
    if (result.kind === "ok") {
      this.stopWatcher?.();
      this.stopWatcher = undefined;
      this.log.info({ previously: this.lostReason }, "zalo session restored");
      this.lostReason = null;
      try {
        await this.o.onSessionRestored?.();
      } catch (err) {
        this.log.error({ err }, "could not report the restored Zalo session");
      }
    } else if (result.kind === "failed" && gen === this.generation) {
      // Still unreachable: stay lost (without alerting again) and keep watching.
      this.currentState = "session_lost";
    }
  }

  /** Saves the session's current cookie jar to the credentials file (0600, atomic). */
  private async saveCookies(keepAlive: boolean): Promise<void> {
    const api = this.api;
    const credentials = this.credentials;
    if (!api || !credentials) return;
    try {
      if (keepAlive)
        await api
          .keepAlive()
          .catch((err) => this.log.debug({ reason: redactSecrets(String((err as Error)?.message)) }, "zalo keep-alive failed"));
      const cookie = api.exportCookies();
      if (!Array.isArray(cookie) || cookie.length === 0) return;
      const updated: ZaloCredentials = { ...credentials, cookie };
      await writeCredentials(this.o.credentialsFile, updated, new Date(this.now()));
      this.credentials = updated;
      this.log.debug({ cookies: cookie.length }, "zalo cookie jar saved");
    } catch (err) {
      this.log.warn({ reason: redactSecrets((err as Error).message) }, "could not save the Zalo cookie jar");
    }
  }

  // --- inbound ----------------------------------------------------------------------------------

  private inboundContext(): InboundContext {
    return {
      ownId: this.ownId,
      findMenu: (chat, id) => this.o.menus.find(chat, id),
      groupTitle: (id) => this.groupTitle(id),
    };
  }

  /**
   * Translates an event and hands it to the dispatcher. Translation may wait (a menu lookup, the group's
   * name), so it runs in arrival order per chat: "/dangky" then "1" must reach the dispatcher in that order
   * (the dispatcher then keeps each person's events in order). Different chats do not wait for each other.
   */
  private dispatch(lane: string, produce: (ctx: InboundContext) => Promise<InboundEvent[]>): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return;
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const converted = previous
      .then(() => produce(this.inboundContext()))
      .catch((err) => {
        this.log.error({ err }, "zalo event could not be read");
        return [] as InboundEvent[];
      });
    this.lanes.set(lane, converted);
    const task = converted
      .then(async (events) => {
        if (this.lanes.get(lane) === converted) this.lanes.delete(lane);
        // handle() queues synchronously, so calling it for each event now keeps their order.
        // (The answer to a quoted menu, a toast on Telegram, is a message the core wrote to the outbox.)
        await Promise.all(events.map((event) => dispatcher.handle(event)));
      })
      .catch((err) => this.log.error({ err }, "zalo event handling failed"));
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /** Keeps recent messages so the sender can quote one (Zalo quotes need the whole message). */
  private remember(threadId: string, data: Record<string, unknown>): void {
    const msgId = data.msgId;
    if (msgId === undefined || msgId === null) return;
    const key = `${threadId}:${String(msgId)}`;
    this.recent.delete(key);
    this.recent.set(key, {
      content: data.content as SendMessageQuote["content"],
      msgType: String(data.msgType ?? "webchat"),
      propertyExt: data.propertyExt as SendMessageQuote["propertyExt"],
      uidFrom: String(data.uidFrom ?? ""),
      msgId: String(msgId),
      cliMsgId: String(data.cliMsgId ?? ""),
      ts: String(data.ts ?? ""),
      ttl: Number(data.ttl ?? 0),
    });
    while (this.recent.size > RECENT_MESSAGES) this.recent.delete(this.recent.keys().next().value!);
  }

  /** A group's name (cached), so registrations and lists show it; best effort. */
  private async groupTitle(groupId: string): Promise<string | undefined> {
    const cached = this.titles.get(groupId);
    const now = this.now();
    if (cached && now - cached.at < (cached.title ? TITLE_TTL_MS : TITLE_RETRY_MS)) return cached.title;
    const api = this.api;
    if (!api) return cached?.title;
    let title: string | undefined;
    try {
      const info = await Promise.race([api.getGroupInfo([groupId]), realSleep(10_000).then(() => ({}) as Record<string, never>)]);
      title = (info as Record<string, { name?: string }>)[groupId]?.name || undefined;
    } catch (err) {
      this.log.debug({ reason: redactSecrets((err as Error).message) }, "zalo: group name not available");
    }
    this.titles.set(groupId, { title: title ?? cached?.title, at: now });
    return title ?? cached?.title;
  }
}
