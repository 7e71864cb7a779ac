/**
 * Helpers for tests that run a real telegraf bot against the fake.
 */
import { Telegraf, type Context } from "telegraf";
import type { FakeBotApi } from "./fake-bot-api.js";

export interface RunningBot<C extends Context = Context> {
  bot: Telegraf<C>;
  /** Errors thrown by handlers (bot.catch). */
  errors: unknown[];
  /** Stops polling and waits until telegraf has let go (including its final offset sync). */
  stop: () => Promise<void>;
}

/** A Telegraf instance pointed at the fake (webhookReply off unless asked). */
export function botFor(fake: FakeBotApi, options: { webhookReply?: boolean } = {}): Telegraf {
  return new Telegraf(fake.token, {
    telegram: { apiRoot: fake.apiRoot, webhookReply: options.webhookReply ?? false },
  });
}

/**
 * Registers handlers with `setup`, launches long polling and resolves once telegraf has called
 * getMe (its onLaunch callback); updates injected from then on reach the handlers.
 */
export async function startPollingBot(fake: FakeBotApi, setup: (bot: Telegraf) => void): Promise<RunningBot> {
  const bot = botFor(fake);
  const errors: unknown[] = [];
  bot.catch((err) => {
    errors.push(err);
  });
  setup(bot);
  let launchError: unknown = null;
  let onLaunch!: () => void;
  const launched = new Promise<void>((resolve) => (onLaunch = resolve));
  const running = bot
    .launch({}, () => onLaunch())
    .catch((err: unknown) => {
      launchError = err;
      onLaunch();
    });
  await launched;
  if (launchError) throw launchError;
  let stopped = false;
  return {
    bot,
    errors,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        bot.stop("test done");
      } catch {
        // not running any more
      }
      await running;
    },
  };
}
