/**
 * The composition root: builds every part from the config, starts them in order and stops them in
 * reverse. Tests build the same app with a fake Bot API root and their own clock.
 */
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { findCouncil, type CouncilLookup } from "./db/councils.js";
import type { Logger } from "./logging/logger.js";
import { systemClock, type Clock } from "./domain/time/clock.js";
import type { BotServices } from "./bot/context.js";
import type { ChatPlatform, PlatformInfo, PlatformModule } from "./messaging/platform.js";
import { CommandRegistry } from "./bot/commands.js";
import { ActionRegistry, type ActionHandler } from "./bot/actions.js";
import { Dispatcher, type GroupTextHook } from "./bot/dispatcher.js";
import { InboundThrottle } from "./bot/inbound-throttle.js";
import { FlowEngine } from "./flows/engine.js";
import type { FlowDefinition } from "./flows/types.js";
import { registerGroupFlow } from "./flows/register-group.js";
import { additionFlow, reportFlow } from "./flows/report.js";
import { additionActionHandler } from "./bot/handlers/addition-action.js";
import { digestActionHandler } from "./bot/handlers/digest-action.js";
import { reportActionHandler } from "./bot/handlers/report-action.js";
import { issueFlow } from "./flows/issue.js";
import { resolveIssueFlow } from "./flows/resolve-issue.js";
import { issueActionHandler } from "./bot/handlers/issue-actions.js";
import { publishNoticeFlow } from "./flows/publish-notice.js";
import { correctNoticeFlow, recallNoticeFlow } from "./flows/notice-changes.js";
import { noticeTasksFlow } from "./flows/notice-tasks.js";
import { noticeProposalsActionHandler } from "./bot/handlers/notice-proposals-action.js";
import { newTaskFlow } from "./flows/new-task.js";
import { manageTaskFlow } from "./flows/manage-task.js";
import { createScheduler } from "./jobs/scheduler.js";
import { noticeActionHandler, noticeAckTextHook } from "./bot/handlers/notice-ack.js";
import { registerNoticeHooks } from "./core/notices/delivery-hooks.js";
import { OutcomeHooks } from "./delivery/outcome-hooks.js";
import { OutboxSender } from "./delivery/sender.js";
import { instanceId, LeaseKeeper, type LeasedPart } from "./jobs/lease-keeper.js";
import { PLATFORM_MODULES } from "./platforms/registry.js";
import { COMMANDS } from "../commands/index.js";
import { AttachmentFetcher } from "./jobs/attachment-fetcher.js";
import { createWebConsole, type WebConsole } from "./web/server.js";
import { SandboxRuntime } from "./platforms/sandbox/runtime.js";
import { sandboxConfig } from "./platforms/sandbox/config.js";
import { sandboxPlatform } from "./platforms/sandbox/platform.js";
import { sandboxRoutes } from "./platforms/sandbox/routes.js";

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** outbox sender tuning (tests use short back-off) */
  sender?: { concurrency?: number; pollIntervalMs?: number; backoff?: { baseMs: number; maxMs: number } };
  /** false: the cron schedules are not started (tests move a fixed clock and call scheduler.tickNow) */
  cron?: boolean;
  /** replaces parts of a platform, by its name (tests connect a fake zca-js API to "zalo"; each platform types its own) */
  platformOverrides?: Record<string, unknown>;
  /** attachment fetcher tuning (tests use short back-off) */
  attachments?: { pollIntervalMs?: number; maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } };
  /** the chat platforms this app may run (default: the registry's; the sandbox's instance runs only the sandbox) */
  platforms?: readonly PlatformModule[];
}

export interface App {
  db: Database;
  services: BotServices;
  dispatcher: Dispatcher;
  senders: OutboxSender[];
  /** the platforms the config turned on, in registry order */
  platforms: ChatPlatform[];
  scheduler: ReturnType<typeof createScheduler>;
  attachments: AttachmentFetcher;
  /** the office web console (undefined with WEB_ENABLED=false) */
  web: WebConsole | undefined;
  /** where the console listens, once started */
  webUrl: string | undefined;
  /** the sandbox (SANDBOX, or no chat platform configured): a second instance on its own data, at /sandbox */
  sandbox: SandboxRuntime | undefined;
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
  correctNoticeFlow,
  recallNoticeFlow,
  noticeTasksFlow,
  newTaskFlow,
  manageTaskFlow,
];
export const ACTIONS: readonly ActionHandler[] = [
  issueActionHandler,
  noticeActionHandler,
  noticeProposalsActionHandler,
  additionActionHandler,
  digestActionHandler,
  reportActionHandler,
];
export const GROUP_TEXT_HOOKS: readonly GroupTextHook[] = [noticeAckTextHook];

/**
 * What to tell the operator when there is no council to serve (a first `npm start` on an empty database):
 * the service still runs, but has nobody to talk to until one is created.
 */
export function councilProblem(lookup: CouncilLookup): string | null {
  if (lookup.ok) return null;
  if (lookup.reason === "none")
    return 'the database has no council yet: create one with `npx council init --code CODE --name "HĐND tỉnh ..."`, or try the demo with `npx council seed demo` (the running service picks it up)';
  if (lookup.reason === "not_found")
    return `COUNCIL_CODE is "${lookup.code}" but no council has that code: check COUNCIL_CODE, or create it with \`npx council init\``;
  return "the database holds several councils: set COUNCIL_CODE to the one this instance serves";
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(config.database);
  if (db.migration.applied.length > 0) logger.info({ applied: db.migration.applied }, "database migrated");
  const serving = councilProblem(await findCouncil(db.prisma, config.councilCode));
  if (serving) logger.warn(serving);

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
    throttle: new InboundThrottle(config.inbound),
  });

  // Every platform the config turns on gets its own outbox sender, paced by the platform's own limits.
  const overrides: Record<string, unknown> = options.platformOverrides ?? {};
  const running: ChatPlatform[] = [];
  for (const module of options.platforms ?? PLATFORM_MODULES) {
    const name = module.capabilities.name;
    const platform = module.create({
      config,
      db,
      clock,
      logger: logger.child({ platform: name }),
      notifyOutbox: services.notifyOutbox,
      ...(overrides[name] !== undefined ? { overrides: overrides[name] } : {}),
    });
    if (!platform) continue;
    running.push(platform);
    platforms[name] = platform.info;
    senders.push(
      new OutboxSender({
        db,
        sender: platform.sender,
        hooks,
        logger: logger.child({ component: "outbox", platform: name }),
        clock: systemClock,
        dataDir: config.dataDir,
        maxAttempts: config.outbox.maxAttempts,
        retryWindowMs: config.outbox.retryWindowMs,
        ...options.sender,
        concurrency: Math.min(options.sender?.concurrency ?? platform.concurrency, platform.concurrency),
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

  // The sandbox: the same application again, on its own database, clock and console, with the sandbox as its
  // only platform; its page is served by this console.
  const sandbox =
    config.sandbox.enabled && config.web.enabled
      ? new SandboxRuntime({
          config: sandboxConfig(config),
          logger: logger.child({ component: "sandbox-app" }),
          openDatabase: () => openDatabase(sandboxConfig(config).database),
          buildApp: (sandboxClock, parts) =>
            createApp(sandboxConfig(config), {
              ...options,
              logger: logger.child({ component: "sandbox-app" }),
              clock: sandboxClock,
              platforms: [sandboxPlatform],
              platformOverrides: { [sandboxPlatform.capabilities.name]: parts },
            }),
        })
      : undefined;

  const web = config.web.enabled
    ? createWebConsole(
        { db, config, logger: logger.child({ component: "web" }), clock, platforms, notifyOutbox: services.notifyOutbox },
        sandbox ? sandboxRoutes(sandbox) : undefined,
      )
    : undefined;

  // On PostgreSQL several instances may share the database: each platform account's sender (and its
  // receiving, when only one instance may receive) and the file fetcher run under a lease; another instance
  // takes over within 15 s when the holder dies. On SQLite there is one instance and no lease.
  const holder = instanceId();
  const leased = (name: string, part: LeasedPart): LeasedPart =>
    db.engine === "postgresql"
      ? new LeaseKeeper({ db, name, holder, clock: systemClock, logger: logger.child({ component: "lease" }), part })
      : part;
  const menus = () => {
    const groups = commands.all
      .filter((d) => d.menu && d.where.includes("group"))
      .map((d) => ({ command: d.name, description: d.description }));
    return { everyone: commands.menuFor(null), groups };
  };
  const leasedParts: LeasedPart[] = running.map((p, i) => {
    const sender = senders[i]!;
    const receiving: LeasedPart = { start: () => p.start(dispatcher, menus()), stop: () => p.stop() };
    const parts = p.receiving === "exclusive" ? [sender, receiving] : [sender];
    return leased(`${p.capabilities.name}:${p.account}`, {
      start: async () => {
        for (const x of parts) await x.start();
      },
      stop: async () => {
        for (const x of [...parts].reverse()) await x.stop();
      },
    });
  });
  leasedParts.push(leased("attachments", attachments));
  const shared = running.filter((p) => p.receiving === "shared");

  const app: App = {
    db,
    services,
    dispatcher,
    senders,
    platforms: running,
    scheduler,
    attachments,
    web,
    webUrl: undefined,
    sandbox,
    async start() {
      for (const p of leasedParts) await p.start();
      if (options.cron !== false) scheduler.start();
      for (const p of shared) await p.start(dispatcher, menus());
      const settings = PLATFORM_MODULES.filter((m) => m !== sandboxPlatform)
        .map((m) => m.enabledBy)
        .join(", or ");
      if (running.length === 0 && !sandbox) logger.warn(`no chat platform is configured (set ${settings}); running the scheduler only`);
      if (web) {
        const { url } = await web.start();
        app.webUrl = url;
        // Without WEB_PUBLIC_URL, links point where the console really listens (port 0 = a free port).
        if (!config.web.publicUrlSet) config.web.publicUrl = url;
        if (sandbox) {
          try {
            await sandbox.start();
            if (running.length === 0)
              logger.info(`no chat platform is configured (set ${settings}): try the bot in the sandbox at ${url}/sandbox`);
            logger.info(
              { url: `${url}/sandbox`, console: sandbox.consoleUrl },
              `sandbox at ${url}/sandbox (its own data and clock; its console at ${sandbox.consoleUrl})`,
            );
          } catch (err) {
            // The service itself does not depend on its sandbox: it runs on without it.
            logger.error(
              { err },
              `the sandbox could not start (${(err as Error).message}); the service runs without it (SANDBOX_CONSOLE_PORT moves its console, SANDBOX=false turns it off)`,
            );
            if (running.length === 0) logger.warn(`no chat platform is configured (set ${settings}); running the scheduler only`);
          }
        }
        logger.info({ url, listening: `${config.web.host}:${config.web.port}` }, `web console at ${url}`);
      }
    },
    async stop() {
      await web?.stop();
      await sandbox?.stop();
      scheduler.stop();
      for (const p of shared) await p.stop();
      for (const p of [...leasedParts].reverse()) await p.stop();
      await db.close();
    },
  };
  return app;
}
