/**
 * Zalo, wired the way the app needs it: the adapter with menus kept in the database and the
 * administrators alerted on Telegram when the session is lost. In the composition root:
 *
 *     if (config.zalo.enabled) {
 *       const zalo = createZaloPlatform({ config, db, clock, logger: logger.child({ platform: "zalo" }), notifyOutbox: services.notifyOutbox });
 *       platforms.zalo = zalo.info;
 *       senders.push(new OutboxSender({ db, sender: zalo.sender, hooks, ..., concurrency: 1 }));
 *       // start(): after the senders, `await zalo.start(dispatcher)` (never throws)
 *       // stop():  `await zalo.stop()` before the senders
 *     }
 */
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { Clock } from "../../domain/time/clock.js";
import type { Logger } from "../../logging/logger.js";
import { ZaloAdapter, type ZaloAdapterOptions } from "./adapter.js";
import { databaseMenuStore } from "./menus.js";
import { zaloSessionAlerts } from "./session-alert.js";

export { ZaloAdapter } from "./adapter.js";
export type { ZaloAdapterOptions, ZaloState, SessionLossKind, ReconnectPolicy } from "./adapter.js";
export { ZaloSender } from "./sender.js";
export type { ZaloApi, ZaloConnector, ZcaSession } from "./zalo-api.js";

export interface ZaloPlatformDeps {
  config: Pick<Config, "zalo" | "telegram">;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** wakes the outbox senders (services.notifyOutbox), for the Telegram alert */
  notifyOutbox(): void;
  /** anything else for the adapter: a fake `connect` in tests, reconnect policy, timers */
  overrides?: Partial<ZaloAdapterOptions>;
}

export function createZaloPlatform(d: ZaloPlatformDeps): ZaloAdapter {
  const alerts = zaloSessionAlerts({
    db: d.db,
    clock: d.clock,
    logger: d.logger,
    adminChatId: d.config.telegram.adminChatId,
    notifyOutbox: d.notifyOutbox,
  });
  return new ZaloAdapter({
    credentialsFile: d.config.zalo.credentialsFile,
    sendGapMs: d.config.zalo.sendGapMs,
    groupGapMs: d.config.zalo.groupGapMs,
    catchUpMs: d.config.zalo.catchUpHours * 60 * 60_000,
    logger: d.logger,
    menus: databaseMenuStore(d.db, d.clock),
    onSessionLost: alerts.onSessionLost,
    onSessionRestored: alerts.onSessionRestored,
    ...d.overrides,
  });
}
