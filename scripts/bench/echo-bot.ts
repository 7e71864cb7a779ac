/**
 * The inbound benchmark's yardstick: a bare telegraf bot that answers every message with one sendMessage
 * (the command's text echoed back), long polling the same fake Bot API as the service. Nothing else: no
 * database, no outbox, no rate limits. Run as its own process so its CPU is measured like the service's:
 *
 *   node --import tsx scripts/bench/echo-bot.ts <apiRoot> <token>
 *
 * It prints "ready" on stdout once polling has started and stops on SIGTERM.
 */
import { Telegraf } from "telegraf";

const [apiRoot, token] = process.argv.slice(2);
if (!apiRoot || !token) throw new Error("usage: echo-bot.ts <apiRoot> <token>");
const bot = new Telegraf(token, { telegram: { apiRoot: apiRoot.endsWith("/") ? apiRoot : `${apiRoot}/`, webhookReply: false } });
bot.on("message", async (ctx) => {
  const text = "text" in ctx.message ? ctx.message.text : "?";
  await ctx.reply(`echo ${text}`);
});
bot.catch((err) => {
  process.stderr.write(`echo bot: ${String(err)}\n`);
});
void bot.launch({ allowedUpdates: ["message"] }, () => process.stdout.write("ready\n"));
process.once("SIGTERM", () => {
  bot.stop("SIGTERM");
  setTimeout(() => process.exit(0), 200).unref();
});
