/**
 * Sends outbox entries through the Zalo Bot Platform and classifies its answers for the shared retry
 * policy (see delivery/platform-sender.ts).
 *
 * What the platform cannot do, and what happens instead:
 * - buttons: choices become a numbered list, remembered as the chat's latest list, so a typed number
 *   answers it (updates.ts); in a private chat any other message the bot sends makes that list old news.
 * - edit: no edits; an edit with a `fallback` sends that text, one without it (a counter, a closed menu)
 *   is a no-op that reports success.
 * - pin, notes: neither exists; the core asks the capabilities and never sends them, and if one comes
 *   anyway it fails for good with the reason.
 * - files: only a picture at a web address can be sent (`sendPhoto`): a photo a person sent the bot is
 *   forwarded by its URL; a document, or a stored copy, travels as a line naming it (i18n `fileNotSent`).
 * Pacing: the platform publishes no limits; the outbox keeps to ZALO_BOT_RATE_* (10/s overall, 20/min per
 * group, 1/s per private chat by default), and a 429 pauses that chat.
 */
import type { ChatRow } from "../../db/chats.js";
import type { MenuChoice } from "../../db/menus.js";
import type { PlatformSender, SendContext, SendOutcome } from "../../delivery/platform-sender.js";
import type { RateLimits } from "../../delivery/rate-limiter.js";
import { zaloBot as t } from "../../i18n/vi/zalo-bot.js";
import type { Choice, StoredMessage } from "../../messaging/outbound.js";
import { htmlToPlainText, SafeHtml } from "../../text/html.js";
import { ZaloBotApiError, ZaloBotNetworkError, type ZaloBotApi } from "./api.js";
import { renderText } from "./render.js";
import { PLATFORM } from "./updates.js";

const markup = (v: SafeHtml | string): string => (v instanceof SafeHtml ? v.value : v);

export interface ZaloBotSenderOptions {
  api: ZaloBotApi;
  limits: RateLimits;
  /** remembers the numbered list just sent as the chat's latest (an empty list clears it) */
  rememberMenu(chatExternalId: string, choices: MenuChoice[]): Promise<void>;
}

export class ZaloBotSender implements PlatformSender {
  readonly platform = PLATFORM;
  readonly limits: RateLimits;

  constructor(private readonly o: ZaloBotSenderOptions) {
    this.limits = o.limits;
  }

  async send(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    try {
      return await this.sendOne(chat, message, ctx);
    } catch (err) {
      return classify(err);
    }
  }

  private async text(chat: ChatRow, body: string, choices?: Choice[][]) {
    const r = renderText(body, choices);
    // Remembered first: a person may answer the moment the list appears.
    await this.forget(chat, r.menu);
    return this.o.api.sendMessage(chat.externalId, r.text);
  }

  /**
   * A new list becomes the chat's latest. In a private chat any other message makes it old news (the
   * person may be typing an answer to a question without a list); in a group the list under a notice stays
   * the one a typed number answers, whatever the bot says in between ("Đã ghi nhận ...").
   */
  private async forget(chat: ChatRow, menu: MenuChoice[]): Promise<void> {
    if (menu.length > 0 || chat.kind === "private") await this.o.rememberMenu(chat.externalId, menu);
  }

  private async sendOne(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    switch (message.kind) {
      case "text": {
        const sent = await this.text(chat, markup(message.text), message.choices);
        return { ok: true, messageIds: [String(sent.message_id)] };
      }
      case "file": {
        const caption = message.caption !== undefined ? htmlToPlainText(markup(message.caption)) : undefined;
        const src = message.source;
        if (message.fileKind === "photo" && src.type === "platform" && src.platform === PLATFORM && /^https:\/\//i.test(src.fileId)) {
          const sent = await this.o.api.sendPhoto(chat.externalId, src.fileId, caption);
          const ids = [String(sent.message_id)];
          if (message.choices) ids.push(String((await this.text(chat, "", message.choices)).message_id));
          else await this.forget(chat, []);
          return { ok: true, messageIds: ids };
        }
        const line = t.fileNotSent(message.fileName ?? t.defaultFileName);
        const sent = await this.text(chat, caption ? `${caption}\n\n${line}` : line, message.choices);
        return { ok: true, messageIds: [String(sent.message_id)] };
      }
      case "edit": {
        if (message.fallback !== undefined) {
          const sent = await this.text(chat, markup(message.fallback));
          return { ok: true, messageIds: [String(sent.message_id)] };
        }
        return { ok: true, messageIds: (await ctx.resolveTarget(message.targetKey, "last")) ?? [] };
      }
      case "pin":
        return { ok: false, kind: "permanent", reason: "refused: the Zalo Bot Platform cannot pin messages" };
      case "note":
        return { ok: false, kind: "permanent", reason: "refused: the Zalo Bot Platform has no group notes" };
      case "delete":
      case "unpin":
        // Not available here: a notice's recall is told to the group by its own message.
        return { ok: true, messageIds: [], extra: { zaloBot: `skipped: ${message.kind} is not available` } };
    }
  }
}

/** Zalo's answer, in the outbox's terms. */
export function classify(err: unknown): SendOutcome {
  if (err instanceof ZaloBotNetworkError) return { ok: false, kind: "transient", reason: err.message };
  if (err instanceof ZaloBotApiError) {
    const reason = `${err.code} ${err.description}`;
    if (err.code === 429) return { ok: false, kind: "rate_limited", retryAfterMs: (err.retryAfter ?? 5) * 1000, reason };
    // A refused token is the operator's to fix; the messages wait rather than fail.
    if (err.code >= 500 || err.code === 401 || err.code === 408) return { ok: false, kind: "transient", reason };
    if (err.code === 403) return { ok: false, kind: "chat_gone", reason };
    return { ok: false, kind: "permanent", reason };
  }
  return { ok: false, kind: "transient", reason: (err as Error)?.message ?? String(err) };
}
