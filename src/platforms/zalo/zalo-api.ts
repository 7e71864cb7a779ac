/**
 * The narrow slice of zca-js the bot uses, behind an interface of our own. Everything else in
 * src/platforms/zalo depends on `ZaloApi`, never on zca-js's `API` object, so tests replace only this
 * (a typed fake with an EventEmitter listener) and the rest of the adapter runs for real.
 *
 * zca-js drives a personal Zalo account through the Zalo Web protocol (unofficial). Facts that shaped
 * this file (zca-js 2.2, read from its dist/):
 * - `new Zalo({ checkUpdate: false })`: otherwise every login asks the npm registry for a newer version.
 * - `selfListen: true`: the listener drops every event whose `isSelf` is true when it is false, and a
 *   group "join" event that adds *our* account is flagged `isSelf`, so without it the bot would never learn
 *   that it was added to (or removed from) a group. Our own messages are then dropped in inbound.ts.
 * - HTTP calls go through `options.polyfill` (fetch); we add a timeout so a hung call cannot block the
 *   one-message-at-a-time sender forever.
 * - Sending a photo from a path needs an `imageMetadataGetter`; we send Buffers with their metadata instead,
 *   which also lets the file keep its real name (stored copies are named by hash).
 */
import type { EventEmitter } from "node:events";
import {
  ThreadType,
  Zalo,
  type AttachmentSource,
  type GroupEvent,
  type GroupMessage,
  type LoginQRCallback,
  type Reaction,
  type SendMessageQuote,
  type Style,
  type Undo,
  type UserMessage,
} from "zca-js";
import type { ZaloCredentials, ZaloCookie } from "./credentials.js";

export { ThreadType };

/** HTTP calls to Zalo that take longer than this fail (and are retried by the outbox). */
export const ZALO_HTTP_TIMEOUT_MS = 60_000;

export interface ZaloListenerEvents {
  connected: [];
  disconnected: [code: number, reason: string];
  closed: [code: number, reason: string];
  error: [error: unknown];
  message: [message: UserMessage | GroupMessage];
  reaction: [reaction: Reaction];
  undo: [undo: Undo];
  group_event: [event: GroupEvent];
}

export type ZaloListenerEvent = keyof ZaloListenerEvents;

/** `api.listener`: the WebSocket that brings messages and events (one per account at a time). */
export interface ZaloListener {
  on<K extends ZaloListenerEvent>(event: K, handler: (...args: ZaloListenerEvents[K]) => void): unknown;
  off<K extends ZaloListenerEvent>(event: K, handler: (...args: ZaloListenerEvents[K]) => void): unknown;
  start(options?: { retryOnClose?: boolean }): void;
  stop(): void;
}

export interface ZaloSendContent {
  msg: string;
  styles?: Style[];
  quote?: SendMessageQuote;
  attachments?: AttachmentSource[];
}

export interface ZaloSendResult {
  message: { msgId: number | string } | null;
  attachment: { msgId: number | string }[];
}

export interface ZaloGroupInfo {
  groupId: string;
  name: string;
  totalMember: number;
}

/** What the bot uses of a logged-in zca-js session. */
export interface ZaloApi {
  readonly listener: ZaloListener;
  /** the account's own user id */
  getOwnId(): string;
  sendMessage(content: ZaloSendContent, threadId: string, type: ThreadType): Promise<ZaloSendResult>;
  /** a group note (Zalo's "ghi chú"); `pinAct` pins it at the top of the group */
  createNote(options: { title: string; pinAct?: boolean }, groupId: string): Promise<{ id: string }>;
  /** ids of the groups the account is in */
  getAllGroupIds(): Promise<string[]>;
  getGroupInfo(groupIds: string[]): Promise<Record<string, ZaloGroupInfo>>;
  /** the session's cookie jar as it is now (Zalo refreshes cookies on many calls), to save */
  exportCookies(): ZaloCookie[];
  /** Zalo Web's keep-alive call (best effort) */
  keepAlive(): Promise<void>;
}

/** Logs in with stored credentials; rejects with zca-js's ZaloApiError when Zalo refuses them. */
export type ZaloConnector = (credentials: ZaloCredentials) => Promise<ZaloApi>;

function timedFetch(timeoutMs: number): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch;
}

function zaloOptions() {
  return { checkUpdate: false, selfListen: true, logging: false, polyfill: timedFetch(ZALO_HTTP_TIMEOUT_MS) };
}

type ZcaApi = Awaited<ReturnType<Zalo["login"]>>;

/** Wraps a zca-js `API` object in our interface. */
export function adaptZcaApi(api: ZcaApi): ZaloApi {
  const emitter = api.listener as unknown as EventEmitter;
  return {
    listener: {
      on: (event, handler) => emitter.on(event, handler as (...args: unknown[]) => void),
      off: (event, handler) => emitter.off(event, handler as (...args: unknown[]) => void),
      start: (options) => api.listener.start(options),
      stop: () => api.listener.stop(),
    },
    getOwnId: () => api.getOwnId(),
    sendMessage: async (content, threadId, type) => {
      const result = await api.sendMessage(content, threadId, type);
      return { message: result.message, attachment: result.attachment ?? [] };
    },
    createNote: async (options, groupId) => {
      const note = await api.createNote(options, groupId);
      return { id: String(note.id) };
    },
    getAllGroupIds: async () => Object.keys((await api.getAllGroups()).gridVerMap ?? {}),
    getGroupInfo: async (groupIds) => {
      const out: Record<string, ZaloGroupInfo> = {};
      for (let i = 0; i < groupIds.length; i += 50) {
        const info = await api.getGroupInfo(groupIds.slice(i, i + 50));
        for (const [id, g] of Object.entries(info.gridInfoMap ?? {})) out[id] = { groupId: id, name: g.name, totalMember: g.totalMember };
      }
      return out;
    },
    exportCookies: () => api.getCookie().toJSON()?.cookies as unknown as ZaloCookie[],
    keepAlive: async () => {
      await api.keepAlive();
    },
  };
}

/** The real connector: logs in with zca-js from stored credentials (no person needed). */
export const createRealZaloApi: ZaloConnector = async (credentials) => {
  const zalo = new Zalo(zaloOptions());
  const api = await zalo.login({
    imei: credentials.imei,
    userAgent: credentials.userAgent,
    cookie: credentials.cookie as never,
    ...(credentials.language ? { language: credentials.language } : {}),
  });
  return adaptZcaApi(api);
};

/** QR login for `council zalo login`: the callback sees zca-js's QR events (image, scanned, login info). */
export type ZaloQrLogin = (options: { userAgent?: string; qrPath: string }, callback: LoginQRCallback) => Promise<ZaloApi>;

export const realQrLogin: ZaloQrLogin = async (options, callback) => {
  const zalo = new Zalo(zaloOptions());
  const api = await zalo.loginQR({ qrPath: options.qrPath, ...(options.userAgent ? { userAgent: options.userAgent } : {}) }, callback);
  return adaptZcaApi(api);
};
