/**
 * `npm start`: validate the config, migrate the database, start the platforms, the outbox senders and the
 * scheduler; stop cleanly once on SIGINT or SIGTERM.
 */
import { ConfigError, loadConfig } from "./config.js";
import { describeTarget } from "./db/client.js";
import { DatabaseError } from "./db/errors.js";
import { createLogger, redactSecrets } from "./logging/logger.js";
import { createApp } from "./app.js";
import { PlatformConfigRefused } from "./messaging/platform.js";
import { validateScheduleConfig } from "./jobs/scheduler.js";

export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    validateScheduleConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // A person at a terminal reads lines; a service manager or a file gets JSON.
  const logger = createLogger({ level: config.logLevel, pretty: process.stderr.isTTY === true });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    app = await createApp(config, { logger });
    await app.start();
  } catch (err) {
    if (err instanceof DatabaseError || err instanceof PlatformConfigRefused) {
      process.stderr.write(`${redactSecrets(err.message)}\n`);
    } else {
      logger.fatal({ err }, "start-up failed");
      process.stderr.write(`Start-up failed: ${redactSecrets((err as Error).message)}\n`);
    }
    await app?.stop().catch(() => undefined);
    process.exit(1);
  }
  logger.info({ database: describeTarget(config.database) }, "service started");

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    app!
      .stop()
      .then(() => {
        logger.info("stopped");
        process.exit(0);
      })
      .catch((err) => {
        logger.error({ err }, "error while stopping");
        process.exit(1);
      });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  // Keeps the process alive when no platform holds a connection open (scheduler-only mode).
  setInterval(() => undefined, 1 << 30);
}
