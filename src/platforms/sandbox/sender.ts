/**
 * Sends outbox entries into the sandbox's store, where the page shows them: the same entries, keys and
 * retries as on Telegram, only the "server" is the sandbox's own. Edits, pins and deletions change the
 * stored message the outbox names, so a notice's counter, a closed menu or a recall look as they would.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { ChatRow } from "../../db/chats.js";
import type { PlatformSender, SendContext, SendOutcome } from "../../delivery/platform-sender.js";
import type { RateLimits } from "../../delivery/rate-limiter.js";
import type { StoredMessage } from "../../messaging/outbound.js";
import type { Clock } from "../../domain/time/clock.js";
import type { SandboxStore } from "./store.js";
import { sandboxCapabilities } from "./capabilities.js";

/** Generous limits: nothing leaves the machine, but a broadcast still goes through the pacing code. */
export const SANDBOX_LIMITS: RateLimits = { globalPerSecond: 200, groupPerMinute: 600, privatePerSecond: 20 };

const MIME_BY_EXTENSION: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
};

export const guessMime = (fileName: string): string =>
  MIME_BY_EXTENSION[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";

export class SandboxSender implements PlatformSender {
  readonly platform = sandboxCapabilities.name;
  readonly limits = SANDBOX_LIMITS;

  constructor(
    private readonly store: () => SandboxStore,
    private readonly clock: Clock,
  ) {}

  async send(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    try {
      return await this.sendOne(chat, message, ctx);
    } catch (err) {
      // The store is a local file: a failure is a full disk or a reset under way, both worth a retry.
      return { ok: false, kind: "transient", reason: `sandbox store: ${(err as Error).message}` };
    }
  }

  private async target(ctx: SendContext, key: string, part: "first" | "last"): Promise<number | null> {
    const ids = await ctx.resolveTarget(key, part);
    const id = ids && ids.length > 0 ? Number(ids[part === "first" ? 0 : ids.length - 1]) : Number.NaN;
    return Number.isFinite(id) ? id : null;
  }

  private async sendOne(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    const store = this.store();
    const chatId = chat.externalId;
    const at = this.clock.now();
    switch (message.kind) {
      case "text": {
        const replyTo = message.replyTo ?? message.forceReply?.replyTo;
        const id = store.addMessage({
          chatId,
          sender: "bot",
          html: String(message.text),
          at,
          choices: message.choices ?? null,
          replyTo: replyTo !== undefined && /^\d+$/.test(replyTo) ? Number(replyTo) : null,
        });
        return { ok: true, messageIds: [String(id)] };
      }
      case "file": {
        const src = message.source;
        let fileId: string;
        if (src.type === "stored") {
          const from = ctx.resolveStoredFile(src.path);
          const name = message.fileName ?? path.basename(src.path);
          fileId = store.saveFile({
            name,
            mime: message.mime ?? guessMime(name),
            kind: message.fileKind,
            from,
            size: statSync(from).size,
          }).id;
        } else if (src.platform === sandboxCapabilities.name && store.file(src.fileId)) {
          fileId = src.fileId;
        } else {
          return { ok: false, kind: "permanent", reason: `cannot forward a ${src.platform} file to the sandbox` };
        }
        const id = store.addMessage({
          chatId,
          sender: "bot",
          html: message.caption !== undefined ? String(message.caption) : "",
          at,
          choices: message.choices ?? null,
          fileId,
        });
        return { ok: true, messageIds: [String(id)], extra: { fileId } };
      }
      case "edit": {
        const id = await this.target(ctx, message.targetKey, message.part ?? "last");
        if (id === null) return { ok: false, kind: "permanent", reason: `edit target ${message.targetKey} was not sent` };
        const change: { html?: string; choices?: typeof message.choices } = {};
        if (message.text !== undefined) change.html = String(message.text);
        if (message.choices !== undefined) change.choices = message.choices;
        if (!store.editMessage(id, change)) return { ok: false, kind: "permanent", reason: `message ${id} is not in the sandbox` };
        return { ok: true, messageIds: [String(id)] };
      }
      case "pin":
      case "unpin": {
        const id = await this.target(ctx, message.targetKey, "first");
        if (id === null)
          return message.kind === "pin"
            ? { ok: false, kind: "permanent", reason: `pin target ${message.targetKey} was not sent` }
            : { ok: true, messageIds: [] };
        store.setPinned(id, message.kind === "pin");
        return { ok: true, messageIds: [String(id)] };
      }
      case "delete": {
        const deleted: string[] = [];
        for (const key of message.targetKeys)
          for (const id of (await ctx.resolveTarget(key, "all")) ?? []) if (store.deleteMessage(Number(id))) deleted.push(id);
        return { ok: true, messageIds: deleted };
      }
      case "note":
        return { ok: false, kind: "permanent", reason: "notes are a Zalo feature" };
    }
  }
}
