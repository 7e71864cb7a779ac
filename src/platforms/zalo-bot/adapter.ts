/**
 * The Zalo Bot Platform edge: long polling (`getUpdates`) or a webhook (its `X-Bot-Api-Secret-Token`
 * header checked) in, the outbox sender out. Nothing here decides anything: updates become inbound
 * events for the dispatcher.
 *
 * Polling and the webhook exclude each other on Zalo's side (getUpdates answers nothing while a webhook is
 * set), so polling starts by deleting any webhook, and webhook mode registers its own.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Config } from "../../config.js";
import type { MenuChoice } from "../../db/menus.js";
import type { Logger } from "../../logging/logger.js";
import { PlatformConfigRefused, type InboundHandler, type PlatformInfo } from "../../messaging/platform.js";
import { ZaloBotApi, ZaloBotApiError, type FetchLike, type ZaloBotUpdate } from "./api.js";
import { ZaloBotSender } from "./sender.js";
import { updateToEvent } from "./updates.js";

export const ZALO_BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const MAX_WEBHOOK_BODY = 1024 * 1024;

export class ZaloBotTokenRefused extends PlatformConfigRefused {
  constructor() {
    super("Zalo refused ZALO_BOT_TOKEN (401): check the token Zalo Bot Creator gave when the bot was created.");
    this.name = "ZaloBotTokenRefused";
  }
}

export interface ZaloBotAdapterOptions {
  config: Config["zaloBot"];
  logger: Logger;
  /** the chat's latest numbered list (db/menus.ts, keyed "latest") */
  menus: { latest(chatId: string): Promise<MenuChoice[] | null>; remember(chatId: string, choices: MenuChoice[]): Promise<void> };
  /** an answer to a typed choice that Telegram would show as a toast: written to the outbox by the caller */
  answer(chatId: string, kind: "private" | "group", eventKey: string, text: string): Promise<void>;
  fetch?: FetchLike;
  /** first wait after a failed poll or connection, ms (doubles up to 60 s) */
  retryDelayMs?: number;
}

export class ZaloBotAdapter {
  readonly api: ZaloBotApi;
  readonly sender: ZaloBotSender;
  readonly info: PlatformInfo;
  private botId = "";
  private running = false;
  private abort = new AbortController();
  private server: Server | undefined;
  private loop: Promise<void> | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  /** translations run one at a time, so events reach the dispatcher in the order they came */
  private lane: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ZaloBotAdapterOptions) {
    const c = o.config;
    if (!c.token) throw new Error("ZaloBotAdapter needs ZALO_BOT_TOKEN");
    this.api = new ZaloBotApi({ token: c.token, apiRoot: c.apiRoot, ...(o.fetch ? { fetch: o.fetch } : {}) });
    this.sender = new ZaloBotSender({
      api: this.api,
      limits: { globalPerSecond: c.rate.globalPerSecond, groupPerMinute: c.rate.groupPerMinute, privatePerSecond: c.rate.privatePerSecond },
      rememberMenu: (chat, choices) => o.menus.remember(chat, choices),
    });
    const apiOrigin = new URL(c.apiRoot).origin;
    this.info = {
      displayName: "Zalo Bot",
      buttons: false,
      maxDownloadBytes: ZALO_BOT_DOWNLOAD_LIMIT,
      // The platform has no link that opens the bot and sends a command.
      deepLink: () => null,
      // A photo's file id is its URL (on Zalo's servers; the tests' fake serves its own over http).
      downloadFile: async (fileId) => {
        const url = new URL(fileId);
        if (url.protocol !== "https:" && url.origin !== apiOrigin) throw new Error("a Zalo Bot photo must be an https URL");
        const res = await (o.fetch ?? fetch)(fileId, { signal: AbortSignal.timeout(60_000) });
        if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length > ZALO_BOT_DOWNLOAD_LIMIT) throw new Error("file too large");
        return bytes;
      },
    };
  }

  /**
   * Checks the token, then starts receiving; resolves once receiving has started. A token Zalo refuses stops
   * start-up with one clear line; Zalo out of reach does not: connecting is retried in the background.
   */
  async start(inbound: InboundHandler): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    try {
      await this.connect(inbound);
    } catch (err) {
      if (err instanceof ZaloBotApiError && err.code === 401) {
        this.running = false;
        throw new ZaloBotTokenRefused();
      }
      this.o.logger.error({ err }, "cannot reach the Zalo Bot Platform; retrying in the background");
      this.loop = this.retryConnect(inbound);
    }
  }

  private async retryConnect(inbound: InboundHandler): Promise<void> {
    for (let delay = this.o.retryDelayMs ?? 5000; this.running; delay = Math.min(delay * 2, 60_000)) {
      await this.sleep(delay);
      if (!this.running) return;
      try {
        await this.connect(inbound);
        return;
      } catch (err) {
        this.o.logger.warn({ err }, "the Zalo Bot Platform is still out of reach");
      }
    }
  }

  private async connect(inbound: InboundHandler): Promise<void> {
    const me = await this.api.getMe();
    this.botId = String(me.id);
    if (me.can_join_groups === false)
      this.o.logger.warn("this Zalo bot cannot join groups (can_join_groups=false): it works in private chats only");
    const webhook = this.o.config.webhook;
    if (webhook) {
      await this.listen(inbound, webhook);
      await this.api.setWebhook(webhook.url, webhook.secret);
    } else {
      await this.api.deleteWebhook().catch((err) => this.o.logger.warn({ err }, "could not delete the webhook before polling"));
      this.loop = this.poll(inbound);
    }
    this.o.logger.info({ bot: me.account_name ?? this.botId, mode: webhook ? "webhook" : "polling" }, "zalo bot connected");
  }

  private async poll(inbound: InboundHandler): Promise<void> {
    let delay = this.o.retryDelayMs ?? 1000;
    while (this.running) {
      try {
        const updates = await this.api.getUpdates(this.o.config.pollTimeoutSeconds, this.abort.signal);
        delay = this.o.retryDelayMs ?? 1000;
        for (const u of updates) await this.accept(inbound, u);
      } catch (err) {
        if (!this.running) return;
        this.o.logger.warn({ err }, "zalo bot polling failed; retrying");
        await this.sleep(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  /** Translates an update (in arrival order) and hands it to the dispatcher, which keeps each person's order. */
  private accept(inbound: InboundHandler, update: ZaloBotUpdate): Promise<void> {
    const translated = this.lane.then(() =>
      updateToEvent(update, { botId: this.botId, latestMenu: (chat) => this.o.menus.latest(chat) }).catch((err) => {
        this.o.logger.error({ err }, "zalo bot update could not be read");
        return null;
      }),
    );
    this.lane = translated;
    return translated.then((event) => {
      if (!event) return;
      const task = inbound
        .handle(event)
        .then(async (result) => {
          // Telegram shows a short answer to a button press; here the answer to a typed choice is a message.
          if (event.type === "choice" && result.toast?.text)
            await this.o.answer(event.chat.id, event.chat.kind, event.eventKey, result.toast.text);
        })
        .catch((err) => this.o.logger.error({ err }, "zalo bot update handling failed"));
      this.inflight.add(task);
      void task.finally(() => this.inflight.delete(task));
    });
  }

  private listen(inbound: InboundHandler, webhook: NonNullable<Config["zaloBot"]["webhook"]>): Promise<void> {
    const path = new URL(webhook.url).pathname;
    const secret = Buffer.from(webhook.secret);
    const server = createServer((req, res) => {
      void (async () => {
        if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== path) {
          res.writeHead(404).end();
          return;
        }
        const given = Buffer.from(String(req.headers["x-bot-api-secret-token"] ?? ""));
        if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
          res.writeHead(401).end();
          return;
        }
        let update: ZaloBotUpdate;
        try {
          update = JSON.parse((await readBody(req)).toString("utf8")) as ZaloBotUpdate;
        } catch {
          res.writeHead(400).end();
          return;
        }
        // Acknowledged once the event is handed over: the dispatcher records it before anything is said.
        await this.accept(inbound, update);
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      })().catch((err) => {
        this.o.logger.error({ err }, "zalo bot webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(webhook.port, webhook.host, () => resolve());
    });
  }

  /** Where the webhook server listens (tests use port 0). */
  get webhookPort(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === "object" ? a.port : undefined;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    await Promise.all([...this.inflight]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const t = setTimeout(resolve, ms);
      this.abort.signal.addEventListener("abort", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
