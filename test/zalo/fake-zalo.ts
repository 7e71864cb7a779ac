/**
 * A typed fake of the bot's Zalo interface (ZaloApi): plain async methods that record what was sent, and
 * an EventEmitter listener the test drives. Inbound messages are real zca-js UserMessage / GroupMessage /
 * Undo / Reaction objects built offline, so inbound.ts sees exactly what zca-js would hand it.
 */
import { EventEmitter } from "node:events";
import {
  GroupMessage,
  type GroupEventType,
  Reaction,
  Undo,
  UserMessage,
  ZaloApiError,
  type GroupEvent,
  type TMessage,
  type TGroupMessage,
} from "zca-js";
import type {
  ZaloApi,
  ZaloGroupInfo,
  ZaloListener,
  ZaloListenerEvents,
  ZaloSendContent,
  ZaloSendResult,
  ThreadType,
} from "../../src/platforms/zalo/zalo-api.js";
import type { ZaloCookie } from "../../src/platforms/zalo/credentials.js";

export const OWN_ID = "9000000000000000001";

export class FakeListener extends EventEmitter implements ZaloListener {
  starts = 0;
  stops = 0;
  running = false;
  /** emit "connected" right after start (as a healthy WebSocket would) */
  autoConnect = true;

  override on<K extends keyof ZaloListenerEvents>(event: K, handler: (...args: ZaloListenerEvents[K]) => void): this {
    return super.on(event, handler as (...args: unknown[]) => void);
  }

  override off<K extends keyof ZaloListenerEvents>(event: K, handler: (...args: ZaloListenerEvents[K]) => void): this {
    return super.off(event, handler as (...args: unknown[]) => void);
  }

  start(): void {
    if (this.running) throw new ZaloApiError("Already started");
    this.starts++;
    this.running = true;
    if (this.autoConnect) queueMicrotask(() => this.emit("connected"));
  }

  stop(): void {
    this.stops++;
    this.running = false;
  }

  /** The WebSocket closes (1006: abnormal, 3000: duplicate connection, 3003: kicked). */
  close(code: number, reason = ""): void {
    this.running = false;
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

let seq = 7_000_000_000_000;
export const nextMsgId = (): string => String(++seq);

export class FakeZaloApi implements ZaloApi {
  readonly listener = new FakeListener();
  readonly sent: SentRecord[] = [];
  readonly notes: { groupId: string; title: string; pinAct: boolean | undefined }[] = [];
  /** errors the next sendMessage calls throw, in order */
  readonly failures: unknown[] = [];
  /** how long each send takes (ms) */
  sendDelayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  keepAlives = 0;
  cookies: ZaloCookie[] = [{ key: "zpw_sek", value: "fresh-secret", domain: "chat.zalo.me", path: "/" }];
  groups: Record<string, ZaloGroupInfo> = {};
  private waiters: { pred: (s: SentRecord) => boolean; resolve: (s: SentRecord) => void }[] = [];

  constructor(readonly ownId = OWN_ID) {}

  getOwnId(): string {
    return this.ownId;
  }

  async sendMessage(content: ZaloSendContent, threadId: string, type: ThreadType): Promise<ZaloSendResult> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.sendDelayMs) await new Promise((r) => setTimeout(r, this.sendDelayMs));
      const failure = this.failures.shift();
      if (failure !== undefined) throw failure;
      const msgIds: string[] = [];
      const result: ZaloSendResult = { message: null, attachment: [] };
      if (content.msg) {
        const id = nextMsgId();
        msgIds.push(id);
        result.message = { msgId: Number(id) };
      }
      for (const _ of content.attachments ?? []) {
        const id = nextMsgId();
        msgIds.push(id);
        result.attachment.push({ msgId: Number(id) });
      }
      const record = { threadId, type, content, msgIds, at: Date.now() };
      this.sent.push(record);
      for (const w of this.waiters.splice(0)) {
        if (w.pred(record)) w.resolve(record);
        else this.waiters.push(w);
      }
      return result;
    } finally {
      this.inFlight--;
    }
  }

  async createNote(options: { title: string; pinAct?: boolean }, groupId: string): Promise<{ id: string }> {
    this.notes.push({ groupId, title: options.title, pinAct: options.pinAct });
    return { id: `note-${this.notes.length}` };
  }

  async getAllGroupIds(): Promise<string[]> {
    return Object.keys(this.groups);
  }

  async getGroupInfo(groupIds: string[]): Promise<Record<string, ZaloGroupInfo>> {
    return Object.fromEntries(groupIds.filter((id) => this.groups[id]).map((id) => [id, this.groups[id]!]));
  }

  exportCookies(): ZaloCookie[] {
    return this.cookies;
  }

  async keepAlive(): Promise<void> {
    this.keepAlives++;
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

  // --- inbound, as zca-js would emit it -------------------------------------------------------

  emitMessage(message: UserMessage | GroupMessage): void {
    this.listener.emit("message", message);
  }
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

export function reactionTo(messageId: string, from: PersonZ, icon: string, threadId: string, isGroup: boolean, ownId = OWN_ID): Reaction {
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
      ts: String(Date.now()),
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
