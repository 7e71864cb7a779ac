/**
 * The narrow slice of zca-js the bot uses. zca-js's `API` object is reduced to `ZcaSession` (the methods
 * the bot calls, with zca-js's own signatures), which `adaptZcaApi` maps onto `ZaloApi`, the interface the
 * rest of src/platforms/zalo depends on. Tests replace only the `ZcaSession` (a fake of zca-js's `API`
 * object and its listener, typed by zca-js 2.2's declarations), so this mapping runs in every Zalo test.
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
 * - The listener does not replay what was said while it was closed. `listener.requestOldMessages(type)`
 *   asks Zalo for the recent messages of the session (about two weeks), which arrive as one
 *   `old_messages` event per thread type; the responses are encrypted with the socket's cipher key, so
 *   the request is made once the `cipher_key` event has been seen (zca-js issues #77 and #226).
 *   `requestOldReactions` does the same for reactions (`old_reactions`).
 * - `addReaction(icon, { data: { msgId, cliMsgId }, threadId, type })` reacts to a message; it needs both
 *   ids of the message (its cliMsgId too), which only the received message carries.
 */
import type { EventEmitter } from "node:events";
import {
  Reactions,
  ThreadType,
  Zalo,
  type API,
  type AttachmentSource,
  type DeliveredMessage,
  type FriendEvent,
  type GroupEvent,
  type LoginQRCallback,
  type Message,
  type Reaction,
  type SeenMessage,
  type SendMessageQuote,
  type Style,
  type Typing,
  type Undo,
} from "zca-js";
import type { ZaloCredentials, ZaloCookie } from "./credentials.js";

export { Reactions, ThreadType };

/** HTTP calls to Zalo that take longer than this fail (and are retried by the outbox). */
export const ZALO_HTTP_TIMEOUT_MS = 60_000;

/** zca-js's ListenerEvents (apis/listen.d.ts), which zca-js does not export. */
export interface ZcaListenerEvents {
  connected: [];
  disconnected: [code: number, reason: string];
  closed: [code: number, reason: string];
  error: [error: unknown];
  typing: [typing: Typing];
  message: [message: Message];
  old_messages: [messages: Message[], type: ThreadType];
  seen_messages: [messages: SeenMessage[]];
  delivered_messages: [messages: DeliveredMessage[]];
  reaction: [reaction: Reaction];
  old_reactions: [reactions: Reaction[], isGroup: boolean];
  upload_attachment: [data: { fileUrl: string; fileId: string }];
  undo: [data: Undo];
  friend_event: [data: FriendEvent];
  group_event: [data: GroupEvent];
  cipher_key: [key: string];
}

/** zca-js's listener (`api.listener`), reduced to what the bot uses. */
export interface ZcaListener extends Pick<API["listener"], "start" | "stop" | "requestOldMessages" | "requestOldReactions"> {
  on<K extends keyof ZcaListenerEvents>(event: K, listener: (...args: ZcaListenerEvents[K]) => void): unknown;
  off<K extends keyof ZcaListenerEvents>(event: K, listener: (...args: ZcaListenerEvents[K]) => void): unknown;
}

/** zca-js's `API` object, reduced to the calls the bot makes (zca-js's own signatures). */
export type ZcaSession = Pick<
  API,
  "getOwnId" | "sendMessage" | "addReaction" | "createNote" | "getAllGroups" | "getGroupInfo" | "getCookie" | "keepAlive"
> & { listener: ZcaListener };

export interface ZaloListenerEvents {
  connected: [];
  disconnected: [code: number, reason: string];
  closed: [code: number, reason: string];
  error: [error: unknown];
  /** the socket's cipher key arrived: requests like requestOldMessages can be answered from now on */
  cipher_key: [key: string];
  message: [message: Message];
  /** the recent messages of one thread type, asked for with `requestOldMessages` */
  old_messages: [messages: Message[], type: ThreadType];
  reaction: [reaction: Reaction];
  /** the recent reactions in private chats or groups, asked for with `requestOldReactions` */
  old_reactions: [reactions: Reaction[], isGroup: boolean];
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
  /** asks Zalo for the recent messages of private chats or groups (answered by `old_messages`) */
  requestOldMessages(type: ThreadType): void;
  /** the same for reactions (answered by `old_reactions`) */
  requestOldReactions(type: ThreadType): void;
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

/** A message to react to: both of its ids, as Zalo needs them. */
export interface ZaloMessageRef {
  msgId: string;
  cliMsgId: string;
}

/** What the bot uses of a logged-in zca-js session. */
export interface ZaloApi {
  readonly listener: ZaloListener;
  /** the account's own user id */
  getOwnId(): string;
  sendMessage(content: ZaloSendContent, threadId: string, type: ThreadType): Promise<ZaloSendResult>;
  /** reacts to a message with one of Zalo's reactions */
  addReaction(icon: Reactions, message: ZaloMessageRef, threadId: string, type: ThreadType): Promise<void>;
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
export type ZaloConnector = (credentials: ZaloCredentials) => Promise<ZcaSession>;

function timedFetch(timeoutMs: number): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch;
}

function zaloOptions() {
  return { checkUpdate: false, selfListen: true, logging: false, polyfill: timedFetch(ZALO_HTTP_TIMEOUT_MS) };
}

/** Zalo answers getGroupInfo for at most this many groups per call. */
const GROUP_INFO_BATCH = 50;

/** Wraps a zca-js `API` object (or the tests' fake of it) in our interface. */
export function adaptZcaApi(api: ZcaSession): ZaloApi {
  const listener = api.listener;
  // zca-js types its listener's events; ours are the same events, named as a plain EventEmitter sees them.
  const emitter = listener as unknown as EventEmitter;
  return {
    listener: {
      on: (event, handler) => emitter.on(event, handler as (...args: unknown[]) => void),
      off: (event, handler) => emitter.off(event, handler as (...args: unknown[]) => void),
      start: (options) => listener.start(options),
      stop: () => listener.stop(),
      requestOldMessages: (type) => listener.requestOldMessages(type),
      requestOldReactions: (type) => listener.requestOldReactions(type),
    },
    getOwnId: () => api.getOwnId(),
    sendMessage: async (content, threadId, type) => {
      const result = await api.sendMessage(content, threadId, type);
      return { message: result.message, attachment: result.attachment ?? [] };
    },
    addReaction: async (icon, message, threadId, type) => {
      await api.addReaction(icon, { data: { msgId: message.msgId, cliMsgId: message.cliMsgId }, threadId, type });
    },
    createNote: async (options, groupId) => {
      const note = await api.createNote(options, groupId);
      return { id: String(note.id) };
    },
    getAllGroupIds: async () => Object.keys((await api.getAllGroups()).gridVerMap ?? {}),
    getGroupInfo: async (groupIds) => {
      const out: Record<string, ZaloGroupInfo> = {};
      for (let i = 0; i < groupIds.length; i += GROUP_INFO_BATCH) {
        const info = await api.getGroupInfo(groupIds.slice(i, i + GROUP_INFO_BATCH));
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
  return zalo.login({
    imei: credentials.imei,
    userAgent: credentials.userAgent,
    cookie: credentials.cookie as never,
    ...(credentials.language ? { language: credentials.language } : {}),
  });
};

/** QR login for `council zalo login`: the callback sees zca-js's QR events (image, scanned, login info). */
export type ZaloQrLogin = (options: { userAgent?: string; qrPath: string }, callback: LoginQRCallback) => Promise<ZcaSession>;

export const realQrLogin: ZaloQrLogin = async (options, callback) => {
  const zalo = new Zalo(zaloOptions());
  return zalo.loginQR({ qrPath: options.qrPath, ...(options.userAgent ? { userAgent: options.userAgent } : {}) }, callback);
};
