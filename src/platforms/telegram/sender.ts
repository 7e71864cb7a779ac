/**
 * Sends outbox entries through the Bot API (telegraf's Telegram client) and classifies Telegram's answers
 * for the shared retry policy. telegraf itself retries nothing (see docs: 429s surface as TelegramError).
 */
import { createReadStream } from "node:fs";
import type { Telegram } from "telegraf";
import { TelegramError } from "telegraf";
import type { ChatRow } from "../../db/chats.js";
import type { StoredMessage } from "../../messaging/outbound.js";
import type { PlatformSender, SendContext, SendOutcome } from "../../delivery/platform-sender.js";
import type { RateLimits } from "../../delivery/rate-limiter.js";
import { redactSecrets } from "../../logging/logger.js";
import { assertCallbackData, inlineKeyboard, mentionHtml } from "./render.js";

const CALL_TIMEOUT_MS = 60_000;

export class TelegramSender implements PlatformSender {
  readonly platform = "telegram";

  /** file_id of stored files already uploaded once: a broadcast uploads the bytes once, then reuses the id */
  private readonly uploaded = new Map<string, string>();

  constructor(
    private readonly telegram: Telegram,
    readonly limits: RateLimits,
  ) {}

  async send(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    try {
      return await this.call(chat, message, ctx);
    } catch (err) {
      return classify(err);
    }
  }

  private api<T>(method: string, payload: Record<string, unknown>): Promise<T> {
    return this.telegram.callApi(
      method as never,
      payload as never,
      { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } as never,
    ) as Promise<T>;
  }

  private async call(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    const chat_id = chat.externalId;
    switch (message.kind) {
      case "text": {
        assertCallbackData(message.choices);
        const force = message.forceReply && !message.choices ? message.forceReply : undefined;
        const replyTo = message.replyTo ?? force?.replyTo;
        const sent = await this.api<{ message_id: number }>("sendMessage", {
          chat_id,
          // selective force reply opens the reply box for the people named in the text (and the replied-to sender)
          text: force ? `${mentionHtml(force.userId, force.name)}: ${String(message.text)}` : String(message.text),
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(message.choices ? { reply_markup: inlineKeyboard(message.choices) } : {}),
          ...(force ? { reply_markup: { force_reply: true, selective: true } } : {}),
          ...(replyTo ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
          ...(message.silent ? { disable_notification: true } : {}),
        });
        return { ok: true, messageIds: [String(sent.message_id)] };
      }
      case "file": {
        assertCallbackData(message.choices);
        let media: unknown;
        const cacheKey = message.source.type === "stored" ? `${message.fileKind}:${message.source.path}` : null;
        if (cacheKey && this.uploaded.has(cacheKey)) {
          media = this.uploaded.get(cacheKey);
        } else if (message.source.type === "stored") {
          media = { source: createReadStream(ctx.resolveStoredFile(message.source.path)), filename: message.fileName ?? "tep-dinh-kem" };
        } else if (message.source.platform === "telegram") {
          media = message.source.fileId;
        } else {
          return { ok: false, kind: "permanent", reason: `cannot forward a ${message.source.platform} file to Telegram` };
        }
        const method = message.fileKind === "photo" ? "sendPhoto" : "sendDocument";
        const field = message.fileKind === "photo" ? "photo" : "document";
        let sent: { message_id: number; document?: { file_id: string }; photo?: { file_id: string }[] };
        try {
          sent = await this.api(method, {
            chat_id,
            [field]: media,
            ...(message.caption ? { caption: String(message.caption), parse_mode: "HTML" } : {}),
            ...(message.choices ? { reply_markup: inlineKeyboard(message.choices) } : {}),
          });
        } catch (err) {
          // A cached file_id Telegram no longer knows: forget it, and the retry uploads the bytes again.
          if (cacheKey && typeof media === "string" && err instanceof TelegramError && /file identifier|file_id/i.test(err.description)) {
            this.uploaded.delete(cacheKey);
            return { ok: false, kind: "transient", reason: `cached file id refused: ${err.description}` };
          }
          throw err;
        }
        const fileId = sent.document?.file_id ?? sent.photo?.at(-1)?.file_id;
        if (cacheKey && fileId) this.uploaded.set(cacheKey, fileId);
        return { ok: true, messageIds: [String(sent.message_id)], ...(fileId ? { extra: { fileId } } : {}) };
      }
      case "edit": {
        const ids = await ctx.resolveTarget(message.targetKey, message.part ?? "last");
        if (!ids || ids.length === 0) return { ok: false, kind: "permanent", reason: `edit target ${message.targetKey} was not sent` };
        const message_id = Number(ids[ids.length - 1]);
        const reply_markup = message.choices === null ? { inline_keyboard: [] } : inlineKeyboard(message.choices);
        try {
          if (message.text !== undefined) {
            await this.api("editMessageText", {
              chat_id,
              message_id,
              text: String(message.text),
              parse_mode: "HTML",
              link_preview_options: { is_disabled: true },
              ...(reply_markup ? { reply_markup } : {}),
            });
          } else {
            await this.api("editMessageReplyMarkup", { chat_id, message_id, ...(reply_markup ? { reply_markup } : {}) });
          }
        } catch (err) {
          // Two presses that produce the same text: the message already shows it.
          if (err instanceof TelegramError && /message is not modified/i.test(err.description))
            return { ok: true, messageIds: [String(message_id)] };
          throw err;
        }
        return { ok: true, messageIds: [String(message_id)] };
      }
      case "pin": {
        const ids = await ctx.resolveTarget(message.targetKey, "first");
        if (!ids || ids.length === 0) return { ok: false, kind: "permanent", reason: `pin target ${message.targetKey} was not sent` };
        await this.api("pinChatMessage", { chat_id, message_id: Number(ids[0]), disable_notification: true });
        return { ok: true, messageIds: [ids[0]!] };
      }
      case "unpin": {
        const ids = await ctx.resolveTarget(message.targetKey, "first");
        if (!ids || ids.length === 0) return { ok: true, messageIds: [] };
        try {
          await this.api("unpinChatMessage", { chat_id, message_id: Number(ids[0]) });
        } catch (err) {
          // Already unpinned by someone in the group: the goal is reached.
          if (err instanceof TelegramError && /message to unpin not found|not modified/i.test(err.description))
            return { ok: true, messageIds: [ids[0]!] };
          throw err;
        }
        return { ok: true, messageIds: [ids[0]!] };
      }
      case "delete": {
        const deleted: string[] = [];
        for (const key of message.targetKeys) {
          for (const id of (await ctx.resolveTarget(key, "all")) ?? []) {
            try {
              await this.api("deleteMessage", { chat_id, message_id: Number(id) });
            } catch (err) {
              // Deleted by a group admin already: nothing left to do for that one.
              if (err instanceof TelegramError && /message to delete not found/i.test(err.description)) continue;
              throw err;
            }
            deleted.push(id);
          }
        }
        return { ok: true, messageIds: deleted };
      }
      case "note":
        return { ok: false, kind: "permanent", reason: "notes are a Zalo feature" };
    }
  }
}

/** Telegram's answer, mapped to what the retry policy needs to know. */
export function classify(err: unknown): SendOutcome {
  if (err instanceof TelegramError) {
    const code = err.code;
    const description = err.description ?? err.message;
    const parameters = (err.response as { parameters?: { retry_after?: number; migrate_to_chat_id?: number } } | undefined)?.parameters;
    if (code === 429)
      return {
        ok: false,
        kind: "rate_limited",
        retryAfterMs: Math.max(1, parameters?.retry_after ?? 5) * 1000,
        reason: `429 ${description}`,
      };
    if (parameters?.migrate_to_chat_id !== undefined)
      return { ok: false, kind: "migrated", newChatId: String(parameters.migrate_to_chat_id), reason: `400 ${description}` };
    if (code === 403) return { ok: false, kind: "chat_gone", reason: `403 ${description}` };
    if (code === 400 && /chat not found|group chat was deleted|user is deactivated|bot was kicked/i.test(description))
      return { ok: false, kind: "chat_gone", reason: `400 ${description}` };
    if (code >= 500 || code === 401 || code === 409) return { ok: false, kind: "transient", reason: `${code} ${description}` };
    return { ok: false, kind: "permanent", reason: `${code} ${description}` };
  }
  const e = err as { name?: string; code?: string; type?: string; message?: string };
  return {
    ok: false,
    kind: "transient",
    reason: redactSecrets(`network: ${e.code ?? e.type ?? e.name ?? "error"} ${e.message ?? ""}`.trim()),
  };
}
