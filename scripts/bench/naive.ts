/**
 * The naive baseline: the same messages sent by a plain loop of telegraf calls, Promise.all in batches,
 * no limiter, no retries. Whatever Telegram refuses (429) is simply lost.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Telegraf, TelegramError } from "telegraf";
import { inlineKeyboard } from "../../src/platforms/telegram/render.js";
import type { Choice } from "../../src/messaging/outbound.js";
import type { ExpectedPart } from "./setup.js";

export interface NaiveOutcome {
  attempted: number;
  ok: number;
  rejected429: number;
  otherErrors: number;
  errorSamples: string[];
  startedAt: number;
  finishedAt: number;
}

export async function runNaive(input: {
  apiRoot: string;
  token: string;
  parts: ExpectedPart[];
  dataDir: string;
  batchSize: number;
}): Promise<NaiveOutcome> {
  const bot = new Telegraf(input.token, { telegram: { apiRoot: `${input.apiRoot.replace(/\/$/, "")}/`, webhookReply: false } });
  const files = new Map<string, Buffer>();
  const out: NaiveOutcome = { attempted: 0, ok: 0, rejected429: 0, otherErrors: 0, errorSamples: [], startedAt: Date.now(), finishedAt: 0 };
  const sendOne = async (p: ExpectedPart): Promise<void> => {
    out.attempted++;
    try {
      if (p.payload.kind === "text") {
        const markup = inlineKeyboard(p.payload.choices as Choice[][] | undefined);
        await bot.telegram.sendMessage(p.chatId, p.payload.text ?? "", {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(markup ? { reply_markup: markup } : {}),
        });
      } else {
        const rel = p.payload.source?.path ?? "";
        let bytes = files.get(rel);
        if (!bytes) {
          bytes = readFileSync(path.resolve(input.dataDir, rel));
          files.set(rel, bytes);
        }
        await bot.telegram.sendDocument(p.chatId, { source: bytes, filename: p.payload.fileName ?? "file" });
      }
      out.ok++;
    } catch (err) {
      if (err instanceof TelegramError && err.code === 429) out.rejected429++;
      else {
        out.otherErrors++;
        if (out.errorSamples.length < 5) out.errorSamples.push(String((err as Error).message));
      }
    }
  };
  for (let i = 0; i < input.parts.length; i += input.batchSize) {
    await Promise.all(input.parts.slice(i, i + input.batchSize).map(sendOne));
  }
  out.finishedAt = Date.now();
  return out;
}
