/**
 * The composition root: builds every part from the config, starts them in order and stops them in
 * reverse. Tests build the same app with a fake Bot API root and their own clock.
 */
import { createHash } from "node:crypto";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import type { Logger } from "./logging/logger.js";
import { systemClock, type Clock } from "./domain/time/clock.js";
import type { BotServices, PlatformInfo } from "./bot/context.js";
import { CommandRegistry } from "./bot/commands.js";
import { ActionRegistry, type ActionHandler } from "./bot/actions.js";
import { Dispatcher, type GroupTextHook } from "./bot/dispatcher.js";
import { FlowEngine } from "./flows/engine.js";
import type { FlowDefinition } from "./flows/types.js";
import { registerGroupFlow } from "./flows/register-group.js";
import { additionFlow, reportFlow } from "./flows/report.js";
import { additionActionHandler } from "./bot/handlers/addition-action.js";
import { digestActionHandler } from "./bot/handlers/digest-action.js";
import { issueFlow } from "./flows/issue.js";
import { resolveIssueFlow } from "./flows/resolve-issue.js";
import { issueActionHandler } from "./bot/handlers/issue-actions.js";
import { publishNoticeFlow } from "./flows/publish-notice.js";
import { newTaskFlow } from "./flows/new-task.js";
import { manageTaskFlow } from "./flows/manage-task.js";
import { createScheduler } from "./jobs/scheduler.js";
import { noticeActionHandler, noticeAckTextHook } from "./bot/handlers/notice-ack.js";
import { registerNoticeHooks } from "./core/notices/delivery-hooks.js";
import { OutcomeHooks } from "./delivery/outcome-hooks.js";
import { OutboxSender } from "./delivery/sender.js";
import { TelegramAdapter } from "./platforms/telegram/adapter.js";
import { instanceId, LeaseKeeper, type LeasedPart } from "./jobs/lease-keeper.js";
import { createZaloPlatform, type ZaloAdapter, type ZaloAdapterOptions } from "./platforms/zalo/index.js";
import { COMMANDS } from "../commands/index.js";
import { AttachmentFetcher } from "./jobs/attachment-fetcher.js";
import { createWebConsole, type WebConsole } from "./web/server.js";

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** outbox sender tuning (tests use short back-off) */
  sender?: { concurrency?: number; pollIntervalMs?: number; backoff?: { baseMs: number; maxMs: number } };
  /** false: the cron schedules are not started (tests move a fixed clock and call scheduler.tickNow) */
  cron?: boolean;
  /** replaces parts of the Zalo adapter (tests connect a fake zca-js API here) */
  zalo?: Partial<ZaloAdapterOptions>;
  /** attachment fetcher tuning (tests use short back-off) */
  attachments?: { pollIntervalMs?: number; maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } };
}

export interface App {
  db: Database;
  services: BotServices;
  dispatcher: Dispatcher;
  senders: OutboxSender[];
  telegram: TelegramAdapter | undefined;
  zalo: ZaloAdapter | undefined;
  scheduler: ReturnType<typeof createScheduler>;
  attachments: AttachmentFetcher;
  /** the office web console (undefined with WEB_ENABLED=false) */
  web: WebConsole | undefined;
  /** where the console listens, once started */
  webUrl: string | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: each flow has its own data type
export const FLOWS: readonly FlowDefinition<any>[] = [
  registerGroupFlow,
  reportFlow,
  additionFlow,
  issueFlow,
  resolveIssueFlow,
  publishNoticeFlow,
  newTaskFlow,
  manageTaskFlow,
];
export const ACTIONS: readonly ActionHandler[] = [issueActionHandler, noticeActionHandler, additionActionHandler, digestActionHandler];
export const GROUP_TEXT_HOOKS: readonly GroupTextHook[] = [noticeAckTextHook];

/** A short, stable, non-secret name for a platform account (a hash of its token or credentials file). */
const accountKey = (secret: string): string => createHash("sha256").update(secret).digest("hex").slice(0, 12);

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(config.database);
  if (db.migration.applied.length > 0) logger.info({ applied: db.migration.applied }, "database migrated");

  const hooks = new OutcomeHooks();
  registerNoticeHooks(hooks);
  const platforms: Record<string, PlatformInfo> = {};
  const senders: OutboxSender[] = [];
  // Report and issue files are downloaded in the background; it looks whenever something was committed.
  const attachments = new AttachmentFetcher({
    db,
    platforms,
    dataDir: config.dataDir,
    maxBytes: config.attachmentMaxBytes,
    logger: logger.child({ component: "attachments" }),
    // Real time, like the senders: retries are paced by the wall clock, not by a test's fixed clock.
    clock: systemClock,
    ...options.attachments,
  });
  const services: BotServices = {
    db,
    config,
    logger,
    clock,
    platforms,
    notifyOutbox: () => {
      for (const s of senders) s.notify();
      attachments.notify();
    },
  };
  const commands = new CommandRegistry(COMMANDS);
  const flows = new FlowEngine(FLOWS);
  services.commands = commands;
  services.flows = flows;
  const dispatcher = new Dispatcher({
    services,
    commands,
    flows,
    actions: new ActionRegistry(ACTIONS),
    groupTextHooks: [...GROUP_TEXT_HOOKS],
  });

  let telegram: TelegramAdapter | undefined;
  if (config.telegram.token) {
    telegram = new TelegramAdapter(config, logger.child({ platform: "telegram" }));
    platforms.telegram = telegram.info;
    senders.push(
      new OutboxSender({
        db,
        sender: telegram.sender,
        hooks,
        logger: logger.child({ component: "outbox", platform: "telegram" }),
        clock: systemClock,
        dataDir: config.dataDir,
        maxAttempts: config.outbox.maxAttempts,
        ...options.sender,
      }),
    );
  }

  // Reminders, digests and maintenance run whether or not a platform is connected: messages wait in the outbox.
  const scheduler = createScheduler({
    db,
    config,
    logger: logger.child({ component: "jobs" }),
    clock,
    notifyOutbox: services.notifyOutbox,
    platforms,
    flows,
  });

  let zalo: ZaloAdapter | undefined;
  if (config.zalo.enabled) {
    zalo = createZaloPlatform({
      config,
      db,
      clock,
      logger: logger.child({ platform: "zalo" }),
      notifyOutbox: services.notifyOutbox,
      ...(options.zalo ? { overrides: options.zalo } : {}),
    });
    platforms.zalo = zalo.info;
    senders.push(
      new OutboxSender({
        db,
        sender: zalo.sender,
        hooks,
        logger: logger.child({ component: "outbox", platform: "zalo" }),
        clock: systemClock,
        dataDir: config.dataDir,
        maxAttempts: config.outbox.maxAttempts,
        ...options.sender,
        // One call at a time: the account's pacing is one message after another.
        concurrency: 1,
      }),
    );
  }

  const web = config.web.enabled
    ? createWebConsole({ db, config, logger: logger.child({ component: "web" }), clock, platforms, notifyOutbox: services.notifyOutbox })
    : undefined;

  const startTelegram = async () => {
    if (!telegram) return;
    const groupMenu = commands.all
      .filter((d) => d.menu && d.where.includes("group"))
      .map((d) => ({ command: d.name, description: d.description }));
    await telegram.start(dispatcher, { everyone: commands.menuFor(null), groups: groupMenu });
  };
  // On PostgreSQL several instances may share the database: what must run once runs under a lease (the
  // holder runs it, the others take over within 15 s when it dies). On SQLite there is one instance.
  const holder = instanceId();
  const leased = (name: string, ...parts: LeasedPart[]): LeasedPart => {
    const part: LeasedPart = {
      start: async () => {
        for (const p of parts) await p.start();
      },
      stop: async () => {
        for (const p of [...parts].reverse()) await p.stop();
      },
    };
    if (db.engine !== "postgresql") return part;
    return new LeaseKeeper({ db, name, holder, clock: systemClock, logger: logger.child({ component: "lease" }), part });
  };
  // Polling: one instance asks Telegram for updates (two would be refused) and sends. Webhook: every
  // instance receives updates behind the load balancer, one sends.
  const telegramPolledUnderLease = Boolean(telegram && !config.telegram.webhook);
  const leasedParts: LeasedPart[] = [];
  if (telegram) {
    const sender = senders.find((s) => s.platform === "telegram");
    const pollingPart: LeasedPart[] = telegramPolledUnderLease ? [{ start: startTelegram, stop: () => telegram!.stop() }] : [];
    if (sender) leasedParts.push(leased(`telegram:${accountKey(config.telegram.token ?? "")}`, sender, ...pollingPart));
  }
  if (zalo) {
    const z = zalo;
    const sender = senders.find((s) => s.platform === "zalo");
    // Zalo allows one session per account: the session and its sender live in the same instance.
    // Zalo never throws on start: a session that cannot be restored stops Zalo alone and alerts the admins.
    const session: LeasedPart = { start: () => z.start(dispatcher), stop: () => z.stop() };
    leasedParts.push(leased(`zalo:${accountKey(config.zalo.credentialsFile)}`, ...(sender ? [sender] : []), session));
  }
  leasedParts.push(leased("attachments", attachments));

  const app: App = {
    db,
    services,
    dispatcher,
    senders,
    telegram,
    zalo,
    scheduler,
    attachments,
    web,
    webUrl: undefined,
    async start() {
      for (const p of leasedParts) await p.start();
      if (options.cron !== false) scheduler.start();
      if (telegram && !telegramPolledUnderLease) await startTelegram();
      if (!telegram && !zalo)
        logger.warn("no chat platform is configured (set TELEGRAM_BOT_TOKEN, or ZALO_ENABLED=true); running the scheduler only");
      if (web) {
        const { url } = await web.start();
        app.webUrl = url;
        // Without WEB_PUBLIC_URL, links point where the console really listens (port 0 = a free port).
        if (!config.web.publicUrlSet) config.web.publicUrl = url;
        logger.info({ url, listening: `${config.web.host}:${config.web.port}` }, `web console at ${url}`);
      }
    },
    async stop() {
      await web?.stop();
      scheduler.stop();
      if (telegram && !telegramPolledUnderLease) await telegram.stop();
      for (const p of [...leasedParts].reverse()) await p.stop();
      await db.close();
    },
  };
  return app;
}
