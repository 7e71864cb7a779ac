/**
 * A typed client of the control API, for a test that drives a fake living in another process
 * (started with serve.ts). Method names mirror FakeBotApi; everything is async.
 */
import type { RemoteMessageFilter } from "./control-api.js";
import type { FailNextOptions, ScriptedFailure } from "./faults.js";
import type {
  InjectCallbackInput,
  InjectDocumentInput,
  InjectedCallback,
  InjectedMessage,
  InjectLeftMemberInput,
  InjectMessageInput,
  InjectMigrationInput,
  InjectMyChatMemberInput,
  InjectNewMembersInput,
  InjectPhotoInput,
} from "./inject.js";
import type {
  BotRights,
  CallbackAnswerRecord,
  CommandSet,
  EditRecord,
  FakeStats,
  PinRecord,
  RuntimeConfig,
  SentMessageRecord,
  TgUpdate,
  TgUser,
} from "./types.js";

type WithBytes<T> = Omit<T, "bytes"> & { bytes: Buffer | Uint8Array | string };

export class FakeBotApiClient {
  /** Base of the control API, e.g. "http://127.0.0.1:PORT/__fake". */
  readonly controlUrl: string;

  /** `root` is the fake's apiRoot (or its control URL). */
  constructor(root: string) {
    const trimmed = root.replace(/\/+$/, "");
    this.controlUrl = trimmed.endsWith("/__fake") ? trimmed : `${trimmed}/__fake`;
  }

  private async call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { "content-type": "application/json" };
    }
    const res = await fetch(`${this.controlUrl}${path}`, init);
    const payload = (await res.json()) as { ok: boolean; result?: T; error?: string };
    if (!payload.ok) throw new Error(`fake Telegram control ${path}: ${payload.error ?? res.status}`);
    return payload.result as T;
  }

  health(): Promise<{ apiRoot: string; token: string; bot: TgUser }> {
    return this.call("GET", "/health");
  }

  messages(filter: { chatId?: number; since?: number } = {}): Promise<SentMessageRecord[]> {
    const q = new URLSearchParams();
    if (filter.chatId !== undefined) q.set("chatId", String(filter.chatId));
    if (filter.since !== undefined) q.set("since", String(filter.since));
    const qs = q.toString();
    return this.call("GET", `/messages${qs ? `?${qs}` : ""}`);
  }

  stats(): Promise<FakeStats> {
    return this.call("GET", "/stats");
  }
  edits(): Promise<EditRecord[]> {
    return this.call("GET", "/edits");
  }
  pins(): Promise<PinRecord[]> {
    return this.call("GET", "/pins");
  }
  callbackAnswers(): Promise<CallbackAnswerRecord[]> {
    return this.call("GET", "/callback-answers");
  }
  allCommands(): Promise<CommandSet[]> {
    return this.call("GET", "/commands");
  }
  pendingUpdates(): Promise<TgUpdate[]> {
    return this.call("GET", "/updates");
  }

  /** Waits (server side) for the first message matching all given fields. */
  waitFor(filter: RemoteMessageFilter, timeoutMs = 5000): Promise<SentMessageRecord> {
    return this.call("POST", "/wait", { ...filter, timeoutMs });
  }

  waitForCount(count: number, filter: RemoteMessageFilter = {}, timeoutMs = 5000): Promise<SentMessageRecord[]> {
    return this.call("POST", "/wait", { ...filter, count, timeoutMs });
  }

  waitForCallbackAnswer(callbackQueryId: string, timeoutMs = 5000): Promise<CallbackAnswerRecord> {
    return this.call("POST", "/wait-callback-answer", { callbackQueryId, timeoutMs });
  }

  injectMessage(input: InjectMessageInput): Promise<InjectedMessage> {
    return this.call("POST", "/inject/message", input);
  }
  injectCallback(input: InjectCallbackInput): Promise<InjectedCallback> {
    return this.call("POST", "/inject/callback", input);
  }
  injectDocument(input: WithBytes<InjectDocumentInput>): Promise<InjectedMessage> {
    const { bytes, ...rest } = input;
    return this.call("POST", "/inject/document", { ...rest, bytesBase64: Buffer.from(bytes as Uint8Array).toString("base64") });
  }
  injectPhoto(input: WithBytes<InjectPhotoInput>): Promise<InjectedMessage> {
    const { bytes, ...rest } = input;
    return this.call("POST", "/inject/photo", { ...rest, bytesBase64: Buffer.from(bytes as Uint8Array).toString("base64") });
  }
  injectMyChatMember(input: InjectMyChatMemberInput): Promise<{ updateId: number; update: TgUpdate }> {
    return this.call("POST", "/inject/my-chat-member", input);
  }
  injectNewMembers(input: InjectNewMembersInput): Promise<InjectedMessage> {
    return this.call("POST", "/inject/new-members", input);
  }
  injectLeftMember(input: InjectLeftMemberInput): Promise<InjectedMessage> {
    return this.call("POST", "/inject/left-member", input);
  }
  injectMigration(input: InjectMigrationInput): Promise<{ updates: TgUpdate[] }> {
    return this.call("POST", "/inject/migration", input);
  }

  configure(config: RuntimeConfig): Promise<true> {
    return this.call("POST", "/config", config);
  }
  failNext(method: string, n: number, failure: ScriptedFailure, options: FailNextOptions = {}): Promise<true> {
    return this.call("POST", "/fail-next", { method, n, failure, ...options });
  }
  setForbidden(chatId: number, forbidden = true): Promise<true> {
    return this.call("POST", "/forbidden", { chatId, forbidden });
  }
  setBotRights(chatId: number, rights: BotRights): Promise<true> {
    return this.call("POST", "/bot-rights", { chatId, rights });
  }
  reset(options: { keepWebhook?: boolean; keepCommands?: boolean } = {}): Promise<true> {
    return this.call("POST", "/reset", options);
  }
}
