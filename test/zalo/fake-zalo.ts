/**
 * A fake of zca-js's `API` object (the slice the bot calls, `ZcaSession`, typed by zca-js 2.2's own
 * declarations) and of its listener (an EventEmitter with zca-js's events and `start` / `stop` /
 * `requestOldMessages`). The bot's mapping onto zca-js (src/platforms/zalo/zalo-api.ts) runs on it in every
 * test. It records what was sent, answers like Zalo would (message ids, full GroupInfo objects, a
 * tough-cookie jar), and keeps a "server history" of the messages people wrote, so that
 * `requestOldMessages` answers with `old_messages` as Zalo does after a reconnect. Inbound messages are
 * real zca-js UserMessage / GroupMessage / Undo / Reaction objects built offline.
 */
import { EventEmitter } from "node:events";
// zca-js's own cookie jar type (a dependency of zca-js): getCookie() returns one.
import { CookieJar } from "tough-cookie";
import {
  GroupMessage,
  type GroupEventType,
  type GroupInfo,
  type GroupInfoResponse,
  type Message,
  type AddReactionDestination,
  type AddReactionResponse,
  type CustomReaction,
  type CreateNoteOptions,
  type GetAllGroupsResponse,
  type KeepAliveResponse,
  type MessageContent,
  type NoteDetail,
  Reaction,
  type Reactions,
  type SendMessageResponse,
  ThreadType,
  Undo,
  UserMessage,
  ZaloApiError,
  type GroupEvent,
  type TMessage,
  type TGroupMessage,
} from "zca-js";
import type { ZaloSendContent, ZcaListener, ZcaListenerEvents, ZcaSession } from "../../src/platforms/zalo/zalo-api.js";
import type { ZaloCookie } from "../../src/platforms/zalo/credentials.js";

export const OWN_ID = "9000000000000000001";

export class FakeListener extends EventEmitter<ZcaListenerEvents> implements ZcaListener {
  starts = 0;
  stops = 0;
  running = false;
  /** emit "connected" (then "cipher_key") right after start, as a healthy WebSocket would */
  autoConnect = true;
  /** requestOldMessages calls, in order */
  readonly oldMessageRequests: { type: ThreadType; lastMsgId: string | null | undefined }[] = [];
  /** `old_messages` events emitted */
  oldMessageAnswers = 0;
  private cipherKey: string | null = null;

  constructor(
    private readonly history: () => Message[],
    private readonly reactionHistory: () => Reaction[] = () => [],
  ) {
    super();
  }

  start(_options?: { retryOnClose?: boolean }): void {
    if (this.running) throw new ZaloApiError("Already started");
    this.starts++;
    this.running = true;
    if (this.autoConnect)
      queueMicrotask(() => {
        if (!this.running) return;
        this.emit("connected");
        this.cipherKey = `key-${this.starts}`;
        this.emit("cipher_key", this.cipherKey);
      });
  }

  stop(): void {
    this.stops++;
    this.running = false;
    this.cipherKey = null;
  }

  /**
   * As zca-js: sent on the socket, answered (once the socket has its cipher key) with one `old_messages`
   * event holding the session's recent messages of that thread type, old ones first, whatever was
   * already seen; without a socket the request goes nowhere.
   */
  requestOldMessages(type: ThreadType, lastMsgId?: string | null): void {
    this.oldMessageRequests.push({ type, lastMsgId });
    if (!this.running || !this.cipherKey) return;
    const messages = this.history().filter((m) => m.type === type);
    setTimeout(() => {
      if (!this.running) return;
      this.oldMessageAnswers++;
      this.emit("old_messages", messages, type);
    }, 1);
  }

  /** As requestOldMessages, for reactions: one `old_reactions` event (zca-js's `isGroup` flag). */
  requestOldReactions(type: ThreadType, _lastMsgId?: string | null): void {
    if (!this.running || !this.cipherKey) return;
    const isGroup = type === ThreadType.Group;
    const reactions = this.reactionHistory().filter((r) => r.isGroup === isGroup);
    setTimeout(() => {
      if (this.running) this.emit("old_reactions", reactions, isGroup);
    }, 1);
  }

  /** The WebSocket closes (1006: abnormal, 3000: duplicate connection, 3003: kicked). */
  close(code: number, reason = ""): void {
    this.running = false;
    this.cipherKey = null;
    this.emit("disconnected", code, reason);
    this.emit("closed", code, reason);
  }
}

export interface SentRecord {
  threadId: string;
  type: ThreadType;
  content: ZaloSendContent;
  msgIds: string[];
  at: number;
}

export interface ReactionRecord {
  icon: Reactions | CustomReaction;
  dest: AddReactionDestination;
  at: number;
}

/** What a test says about a group; the fake answers getGroupInfo with a full zca-js GroupInfo. */
export interface GroupSpec {
  groupId: string;
  name: string;
  totalMember: number;
}

let seq = 7_000_000_000_000;
export const nextMsgId = (): string => String(++seq);

function groupInfo(g: GroupSpec): GroupInfo & { memVerList: string[]; pendingApprove: { time: number; uids: string[] | null } } {
  return {
    groupId: g.groupId,
    name: g.name,
    desc: "",
    type: 1,
    creatorId: "1",
    version: "1",
    avt: "",
    fullAvt: "",
    memberIds: [],
    adminIds: [],
    currentMems: [],
    updateMems: [],
    admins: [],
    hasMoreMember: 0,
    subType: 0,
    totalMember: g.totalMember,
    maxMember: 1000,
    setting: {
      blockName: 0,
      signAdminMsg: 0,
      addMemberOnly: 0,
      setTopicOnly: 0,
      enableMsgHistory: 1,
      joinAppr: 0,
      lockCreatePost: 0,
      lockCreatePoll: 0,
      lockSendMsg: 0,
      lockViewMember: 0,
      bannFeature: 0,
      dirtyMedia: 0,
      banDuration: 0,
    },
    createdTime: 0,
    visibility: 1,
    globalId: `g${g.groupId}`,
    e2ee: 0,
    extraInfo: { enable_media_store: 1 },
    memVerList: [],
    pendingApprove: { time: 0, uids: null },
  };
}

export class FakeZaloApi implements ZcaSession {
  /** messages people wrote (and the account's own), as Zalo keeps them for requestOldMessages */
  readonly history: Message[] = [];
  /** reactions people made, as Zalo keeps them for requestOldReactions */
  readonly reactionHistory: Reaction[] = [];
  readonly listener = new FakeListener(
    () => this.history,
    () => this.reactionHistory,
  );
  readonly sent: SentRecord[] = [];
  readonly reactions: ReactionRecord[] = [];
  readonly notes: { groupId: string; title: string; pinAct: boolean | undefined }[] = [];
  /** errors the next sendMessage / addReaction calls throw, in order */
  readonly failures: unknown[] = [];
  /** how long each send takes (ms) */
  sendDelayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  keepAlives = 0;
  cookies: ZaloCookie[] = [{ key: "zpw_sek", value: "fresh-secret", domain: "chat.zalo.me", path: "/" }];
  groups: Record<string, GroupSpec> = {};
  private waiters: { pred: (s: SentRecord) => boolean; resolve: (s: SentRecord) => void }[] = [];

  constructor(readonly ownId = OWN_ID) {}

  getOwnId(): string {
    return this.ownId;
  }

  async sendMessage(message: MessageContent | string, threadId: string, type: ThreadType = ThreadType.User): Promise<SendMessageResponse> {
    const content = typeof message === "string" ? { msg: message } : message;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.sendDelayMs) await new Promise((r) => setTimeout(r, this.sendDelayMs));
      const failure = this.failures.shift();
      if (failure !== undefined) throw failure;
      const attachments =
        content.attachments === undefined ? [] : Array.isArray(content.attachments) ? content.attachments : [content.attachments];
      if (!content.msg && attachments.length === 0) throw new ZaloApiError("Missing message content");
      const msgIds: string[] = [];
      const result: SendMessageResponse = { message: null, attachment: [] };
      if (content.msg) {
        const id = nextMsgId();
        msgIds.push(id);
        result.message = { msgId: Number(id) };
      }
      for (const _ of attachments) {
        const id = nextMsgId();
        msgIds.push(id);
        result.attachment.push({ msgId: Number(id) });
      }
      const { attachments: _, ...rest } = content;
      const record: SentRecord = {
        threadId,
        type,
        content: { ...rest, msg: content.msg ?? "", ...(attachments.length ? { attachments } : {}) },
        msgIds,
        at: Date.now(),
      };
      this.sent.push(record);
      if (content.msg) this.history.push(ownMessage(threadId, type, content.msg, msgIds[0]!, this.ownId));
      for (const w of this.waiters.splice(0)) {
        if (w.pred(record)) w.resolve(record);
        else this.waiters.push(w);
      }
      return result;
    } finally {
      this.inFlight--;
    }
  }

  async addReaction(icon: Reactions | CustomReaction, dest: AddReactionDestination): Promise<AddReactionResponse> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    // zca-js sends parseInt of both ids: a missing one would reach Zalo as NaN.
    if (!/^\d+$/.test(dest.data.msgId) || !/^\d+$/.test(dest.data.cliMsgId)) throw new ZaloApiError("Tham số không hợp lệ", 114);
    this.reactions.push({ icon, dest, at: Date.now() });
    return { msgIds: [Number(nextMsgId())] };
  }

  async createNote(options: CreateNoteOptions, groupId: string): Promise<NoteDetail> {
    this.notes.push({ groupId, title: options.title, pinAct: options.pinAct });
    const now = Date.now();
    return {
      id: `note-${this.notes.length}`,
      type: 0,
      color: 0,
      emoji: "",
      startTime: -1,
      duration: -1,
      params: { title: options.title },
      creatorId: this.ownId,
      editorId: this.ownId,
      createTime: now,
      editTime: now,
      repeat: 0,
    };
  }

  async getAllGroups(): Promise<GetAllGroupsResponse> {
    return { version: "1", gridVerMap: Object.fromEntries(Object.keys(this.groups).map((id) => [id, "1"])) };
  }

  async getGroupInfo(groupId: string | string[]): Promise<GroupInfoResponse> {
    const ids = Array.isArray(groupId) ? groupId : [groupId];
    const known = ids.filter((id) => this.groups[id]);
    return {
      removedsGroup: ids.filter((id) => !this.groups[id]),
      unchangedsGroup: [],
      gridInfoMap: Object.fromEntries(known.map((id) => [id, groupInfo(this.groups[id]!)])),
    };
  }

  getCookie(): CookieJar {
    return CookieJar.deserializeSync({
      version: "tough-cookie@5.1.2",
      storeType: "MemoryCookieStore",
      rejectPublicSuffixes: true,
      cookies: this.cookies.map((c) => ({ ...c, key: c.key ?? c.name, path: c.path ?? "/", hostOnly: false })),
    });
  }

  async keepAlive(): Promise<KeepAliveResponse> {
    this.keepAlives++;
    return { config_vesion: 1 };
  }

  /** Resolves with the next message sent into `threadId` whose text matches. */
  waitForSent(threadId: string, match?: RegExp, timeoutMs = 5000): Promise<SentRecord> {
    const pred = (s: SentRecord) => s.threadId === threadId && (!match || match.test(s.content.msg));
    const found = this.sent.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `nothing matching ${match} sent to ${threadId}; sent: ${this.sent.map((s) => s.content.msg.slice(0, 60)).join(" | ")}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  }

  /** Resolves with the account's reaction to this message (polls; the outbox paces reactions too). */
  async waitForReaction(message: Message, timeoutMs = 8000): Promise<ReactionRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.reactions.find((r) => r.dest.data.msgId === String(message.data.msgId));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no reaction to "${String(message.data.content)}"; sent: ${this.sent.map((x) => x.content.msg.slice(0, 60)).join(" | ")}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // --- inbound, as zca-js would emit it -------------------------------------------------------

  /** A person writes: Zalo keeps it, and the listener delivers it if its socket is open. */
  emitMessage(message: UserMessage | GroupMessage): void {
    this.history.push(message);
    if (this.listener.running) this.listener.emit("message", message);
  }

  /** A person reacts: Zalo keeps it, and the listener delivers it if its socket is open. */
  emitReaction(reaction: Reaction): void {
    this.reactionHistory.push(reaction);
    if (this.listener.running) this.listener.emit("reaction", reaction);
  }
}

/** The account's own message as Zalo keeps it (uidFrom "0", as the listener reports the account's own). */
function ownMessage(threadId: string, type: ThreadType, text: string, msgId: string, ownId: string): Message {
  const data = baseMessage({ id: "0", name: "" }, type === ThreadType.Group ? threadId : threadId, text, {
    msgId,
    cliMsgId: String(Number(msgId) + 1),
  });
  return type === ThreadType.Group
    ? new GroupMessage(ownId, { ...data, mentions: undefined } as TGroupMessage)
    : new UserMessage(ownId, data);
}

export interface PersonZ {
  id: string;
  name: string;
}

function baseMessage(from: PersonZ, to: string, content: TMessage["content"], extra: Partial<TMessage> = {}): TMessage {
  const msgId = nextMsgId();
  return {
    actionId: "1",
    msgId,
    cliMsgId: String(Number(msgId) + 1),
    msgType: "webchat",
    uidFrom: from.id,
    idTo: to,
    dName: from.name,
    ts: String(Date.now()),
    status: 1,
    content,
    notify: "1",
    ttl: 0,
    userId: "0",
    uin: "0",
    topOut: "0",
    topOutTimeOut: "0",
    topOutImprTimeOut: "0",
    propertyExt: undefined,
    paramsExt: { countUnread: 1, containType: 0, platformType: 1 },
    cmd: 501,
    st: 3,
    at: 5,
    realMsgId: "0",
    quote: undefined,
    ...extra,
  };
}

export const quoteOf = (sent: SentRecord, ownerId = OWN_ID): TMessage["quote"] => ({
  ownerId,
  cliMsgId: Number(sent.msgIds[0]) + 1,
  globalMsgId: Number(sent.msgIds[0]),
  cliMsgType: 1,
  ts: sent.at,
  msg: sent.content.msg,
  attach: "",
  fromD: "HĐND",
  ttl: 0,
});

/** A private message from a person to the council's account. */
export function userMessage(from: PersonZ, content: TMessage["content"], extra: Partial<TMessage> = {}, ownId = OWN_ID): UserMessage {
  return new UserMessage(ownId, baseMessage(from, "0", content, extra));
}

/** A message in a group. */
export function groupMessage(
  groupId: string,
  from: PersonZ,
  content: TMessage["content"],
  extra: Partial<TGroupMessage> = {},
  ownId = OWN_ID,
): GroupMessage {
  return new GroupMessage(ownId, { ...baseMessage(from, groupId, content, extra), mentions: extra.mentions } as TGroupMessage);
}

/** The account's own message echoed back (selfListen): uidFrom "0". */
export function ownEcho(groupId: string, text: string, ownId = OWN_ID): GroupMessage {
  return new GroupMessage(ownId, { ...baseMessage({ id: "0", name: "" }, groupId, text), mentions: undefined } as TGroupMessage);
}

export function undoOf(message: UserMessage | GroupMessage, ownId = OWN_ID): Undo {
  const d = message.data;
  return new Undo(
    ownId,
    {
      actionId: "2",
      msgId: nextMsgId(),
      cliMsgId: nextMsgId(),
      msgType: "chat.undo",
      uidFrom: d.uidFrom,
      idTo: d.idTo,
      dName: d.dName,
      ts: String(Date.now()),
      status: 1,
      content: { globalMsgId: Number(d.msgId), cliMsgId: Number(d.cliMsgId), deleteMsg: 1, srcId: 1, destId: 1 },
      notify: "0",
      ttl: 0,
      userId: "0",
      uin: "0",
      cmd: 501,
      st: 3,
      at: 5,
      realMsgId: "0",
    },
    message instanceof GroupMessage,
  );
}

export function reactionTo(
  messageId: string,
  from: PersonZ,
  icon: string,
  threadId: string,
  isGroup: boolean,
  ownId = OWN_ID,
  at = Date.now(),
): Reaction {
  return new Reaction(
    ownId,
    {
      actionId: "3",
      msgId: nextMsgId(),
      cliMsgId: nextMsgId(),
      msgType: "reaction",
      uidFrom: from.id,
      idTo: isGroup ? threadId : "0",
      dName: from.name,
      content: { rMsg: [{ gMsgID: messageId, cMsgID: "1", msgType: 1 }], rIcon: icon as never, rType: 3, source: 6 },
      ts: String(at),
      ttl: 0,
    },
    isGroup,
  );
}

export function groupEvent(
  type: GroupEventType.JOIN | GroupEventType.LEAVE | GroupEventType.REMOVE_MEMBER,
  groupId: string,
  members: PersonZ[],
  sourceId: string,
  groupName = "HĐND xã Phổ An",
): GroupEvent {
  return {
    type,
    act: type,
    threadId: groupId,
    isSelf: members.some((m) => m.id === OWN_ID),
    data: {
      subType: 0,
      groupId,
      creatorId: sourceId,
      groupName,
      sourceId,
      updateMembers: members.map((m) => ({ id: m.id, dName: m.name, avatar: "", type: 0, avatar_25: "" })),
      groupSetting: null,
      groupTopic: null,
      info: null,
      extraData: null,
      time: String(Date.now()),
      avt: null,
      fullAvt: null,
      isAdd: 1,
      hideGroupInfo: 0,
      version: "1",
      groupType: 1,
    },
  } as GroupEvent;
}
