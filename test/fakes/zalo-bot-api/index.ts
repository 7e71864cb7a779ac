/**
 * A local fake of the official Zalo Bot Platform API (bot-api.zaloplatforms.com) for end-to-end tests:
 * `POST /bot<TOKEN>/<method>` with JSON, answered `{ ok, result }` or `{ ok: false, error_code,
 * description }` as the platform's documentation shows. Tests play people: they inject texts and photos
 * (delivered by long polling, or POSTed to the webhook with the secret header once one is set), then read
 * what the bot sent. Failures are scripted per method (5xx, 429 with retry_after, 403, a dropped
 * connection). See README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";

export const DEFAULT_TOKEN = "7301234567:ZaloFakeBotTokenForTests0000";
/** Zalo's photo URLs: the fake serves its own. */
export const TINY_JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");

export interface FakeUser {
  id: string;
  name: string;
}
export interface FakeChat {
  id: string;
  type: "PRIVATE" | "GROUP";
}

export interface SentRecord {
  method: "sendMessage" | "sendPhoto" | "sendSticker";
  chatId: string;
  text?: string;
  photo?: string;
  caption?: string;
  messageId: string;
  /** Date.now() when the fake accepted it */
  at: number;
}

export interface ScriptedFailure {
  /** the HTTP status and error_code to answer; "drop" closes the connection without an answer */
  code: number | "drop";
  description?: string;
  retryAfter?: number;
}

export interface FakeZaloBotOptions {
  token: string;
  botId: string;
  botName: string;
  canJoinGroups: boolean;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class FakeZaloBotApi {
  readonly sent: SentRecord[] = [];
  /** every method called, in order (with the chat, where there is one) */
  readonly calls: { method: string; chatId?: string; at: number }[] = [];
  webhook: { url: string; secret: string } | null = null;
  /** where webhook calls really go (the public https URL is a reverse proxy's in real life) */
  webhookTarget: string | undefined;
  private readonly queue: Record<string, unknown>[] = [];
  private readonly pollers: (() => void)[] = [];
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly knownChats = new Set<string>();
  private readonly blocked = new Set<string>();
  private readonly files = new Map<string, Buffer>();
  private readonly waiters = new Set<Waiter>();
  private seq = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly server: Server,
    readonly options: FakeZaloBotOptions,
  ) {
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  get origin(): string {
    const a = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }
  /** what ZALO_BOT_API_ROOT is set to */
  get apiRoot(): string {
    return this.origin;
  }
  get token(): string {
    return this.options.token;
  }

  /** A person types in a chat (a private chat's id is the person's id, as on Zalo). */
  injectText(from: FakeUser, text: string, chat: FakeChat = { id: from.id, type: "PRIVATE" }): string {
    return this.inject("message.text.received", from, chat, { text });
  }

  /** A person sends a photo; it is served by the fake at the URL the update carries. */
  injectPhoto(from: FakeUser, bytes: Buffer = TINY_JPEG, chat: FakeChat = { id: from.id, type: "PRIVATE" }, caption?: string): string {
    const id = randomBytes(6).toString("hex");
    this.files.set(id, bytes);
    return this.inject("message.image.received", from, chat, {
      photo_url: `${this.origin}/files/${id}.jpg`,
      ...(caption ? { caption } : {}),
    });
  }

  injectSticker(from: FakeUser, chat: FakeChat = { id: from.id, type: "PRIVATE" }): string {
    return this.inject("message.sticker.received", from, chat, { sticker: "0e078a2fb66a5f34067b" });
  }

  /** The update a person's text makes, without sending it (to deliver by hand). */
  textUpdate(from: FakeUser, text: string, chat: FakeChat = { id: from.id, type: "PRIVATE" }): Record<string, unknown> {
    this.knownChats.add(chat.id);
    return {
      event_name: "message.text.received",
      message: {
        message_id: `in${++this.seq}${randomBytes(4).toString("hex")}`,
        date: Date.now(),
        chat: { id: chat.id, chat_type: chat.type },
        from: { id: from.id, display_name: from.name, is_bot: false },
        text,
      },
    };
  }

  private inject(event: string, from: FakeUser, chat: FakeChat, fields: Record<string, unknown>): string {
    this.knownChats.add(chat.id);
    const messageId = `in${++this.seq}${randomBytes(4).toString("hex")}`;
    const update = {
      event_name: event,
      message: {
        message_id: messageId,
        date: Date.now(),
        chat: { id: chat.id, chat_type: chat.type },
        from: { id: from.id, display_name: from.name, is_bot: false },
        ...fields,
      },
    };
    if (this.webhook) void this.deliver(update).catch(() => undefined);
    else {
      this.queue.push(update);
      this.pollers.shift()?.();
    }
    return messageId;
  }

  /** POSTs an update to the webhook as Zalo does, with the secret header (or a wrong one, for tests). */
  async deliver(update: Record<string, unknown>, secret = this.webhook?.secret ?? ""): Promise<number> {
    if (!this.webhook) throw new Error("fake Zalo Bot: no webhook set");
    const res = await fetch(this.webhookTarget ?? this.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    });
    return res.status;
  }

  /** The next `count` calls of `method` fail as scripted. */
  failNext(method: string, failure: ScriptedFailure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** The bot is in this group (as after being added to it): it may send there before anyone speaks. */
  joinGroup(chatId: string): void {
    this.knownChats.add(chatId);
  }

  /** The person blocked the bot (or the bot left the group): sends there answer 403. */
  block(chatId: string): void {
    this.blocked.add(chatId);
  }

  sentTo(chatId: string): SentRecord[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }

  /** Resolves once `check` holds (checked after every call the fake answers); no polling, no sleeps. */
  until(check: () => boolean, timeoutMs = 15_000, what = "a condition"): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w: Waiter = { check, resolve };
      this.waiters.add(w);
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        const last = this.sent.slice(-5).map((s) => `${s.chatId}: ${(s.text ?? s.photo ?? "").slice(0, 80)}`);
        reject(new Error(`fake Zalo Bot: timed out after ${timeoutMs} ms waiting for ${what}. Last sent:\n${last.join("\n")}`));
      }, timeoutMs);
      w.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** The first message sent to the chat after `since` sent messages there that matches. */
  async waitForSent(chatId: string, match: (s: SentRecord) => boolean = () => true, timeoutMs = 15_000): Promise<SentRecord> {
    let found: SentRecord | undefined;
    await this.until(() => (found = this.sentTo(chatId).find(match)) !== undefined, timeoutMs, `a message to ${chatId}`);
    return found!;
  }

  private changed(): void {
    for (const w of [...this.waiters])
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve();
      }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    const file = /^\/files\/([0-9a-f]+)\.jpg$/.exec(url.pathname);
    if (req.method === "GET" && file) {
      const bytes = this.files.get(file[1]!);
      if (!bytes) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "image/jpeg" }).end(bytes);
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      this.changed();
    };
    const error = (code: number, description: string, extra: Record<string, unknown> = {}) =>
      reply(code, { ok: false, error_code: code, description, ...extra });
    if (!m || req.method !== "POST") return error(404, "Not Found");
    if (m[1] !== this.options.token) return error(401, "Unauthorized");
    const method = m[2]!;
    let body: Record<string, unknown> = {};
    try {
      const raw = await readAll(req);
      body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return error(400, "Bad Request: body is not JSON");
    }
    const chatId = typeof body.chat_id === "string" ? body.chat_id : undefined;
    this.calls.push({ method, ...(chatId ? { chatId } : {}), at: Date.now() });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if (failure.code === "drop") return void req.socket.destroy();
      return error(
        failure.code,
        failure.description ?? "Scripted failure",
        failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {},
      );
    }
    switch (method) {
      case "getMe":
        return reply(200, {
          ok: true,
          result: {
            id: this.options.botId,
            account_name: this.options.botName,
            account_type: "BASIC",
            can_join_groups: this.options.canJoinGroups,
          },
        });
      case "getUpdates": {
        if (this.webhook) return error(409, "Conflict: a webhook is active; use deleteWebhook first");
        const timeoutMs = Math.min(Number(body.timeout ?? 30), 60) * 1000;
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, timeoutMs);
            this.pollers.push(() => {
              clearTimeout(t);
              resolve();
            });
            req.socket.once("close", () => resolve());
          });
        }
        const next = this.queue.shift();
        if (!next) return error(408, "Request Timeout");
        return reply(200, { ok: true, result: next });
      }
      case "setWebhook": {
        const secret = String(body.secret_token ?? "");
        if (!/^https?:\/\//.test(String(body.url ?? ""))) return error(400, "Bad Request: url is required");
        if (secret.length < 8 || secret.length > 256) return error(400, "Bad Request: secret_token must be 8-256 characters");
        this.webhook = { url: String(body.url), secret };
        return reply(200, { ok: true, result: { url: body.url, updated_at: Date.now() } });
      }
      case "deleteWebhook":
        this.webhook = null;
        return reply(200, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "getWebhookInfo":
        return reply(200, { ok: true, result: { url: this.webhook?.url ?? "", updated_at: Date.now() } });
      case "sendChatAction":
        return reply(200, { ok: true });
      case "sendMessage":
      case "sendPhoto":
      case "sendSticker": {
        if (!chatId) return error(400, "Bad Request: chat_id is required");
        if (this.blocked.has(chatId)) return error(403, "Forbidden: the user has blocked the bot or the bot is not in the group");
        if (!this.knownChats.has(chatId)) return error(400, "Bad Request: chat not found");
        const text = method === "sendMessage" ? String(body.text ?? "") : undefined;
        if (text !== undefined && (text.length < 1 || text.length > 2000)) return error(400, "Bad Request: text must be 1-2000 characters");
        const caption = typeof body.caption === "string" ? body.caption : undefined;
        if (caption !== undefined && caption.length > 2000) return error(400, "Bad Request: caption must be at most 2000 characters");
        if (method === "sendPhoto" && !/^https?:\/\//.test(String(body.photo ?? ""))) return error(400, "Bad Request: photo must be a URL");
        const messageId = `out${++this.seq}${randomBytes(4).toString("hex")}`;
        this.sent.push({
          method,
          chatId,
          ...(text !== undefined ? { text } : {}),
          ...(method === "sendPhoto" ? { photo: String(body.photo) } : {}),
          ...(caption !== undefined ? { caption } : {}),
          messageId,
          at: Date.now(),
        });
        return reply(200, { ok: true, result: { message_id: messageId, date: Date.now() } });
      }
      default:
        return error(404, `Not Found: method ${method}`);
    }
  }

  async close(): Promise<void> {
    for (const p of this.pollers.splice(0)) p();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeZaloBotApi(options: Partial<FakeZaloBotOptions> = {}): Promise<FakeZaloBotApi> {
  const token = options.token ?? DEFAULT_TOKEN;
  const server = createServer();
  const fake = new FakeZaloBotApi(server, {
    token,
    botId: options.botId ?? token.split(":")[0]!,
    botName: options.botName ?? "bot.HdndFake",
    canJoinGroups: options.canJoinGroups ?? true,
  });
  server.on("request", (req, res) => {
    fake.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return fake;
}
