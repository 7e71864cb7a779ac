/**
 * Sends outbox entries through zca-js and classifies Zalo's answers for the shared retry policy.
 *
 * Pacing: Zalo publishes no limits, and accounts that send fast get throttled or blocked, so the account
 * sends one message at a time, at least ZALO_SEND_GAP_MS apart, and at least ZALO_GROUP_GAP_MS apart into
 * one group. The outbox's limiter enforces both gaps (`accountGapMs`, `groupGapMs`); the per-second and
 * per-minute windows are set high so the gaps govern. This class also runs its calls strictly one after
 * another (an upload can outlast the gap) and keeps the account gap between them. Every message, the
 * answer to a quoted menu included, comes through the outbox.
 *
 * What Zalo cannot do, and what happens instead:
 * - edit: Zalo cannot edit a sent message. Every edit the core makes refreshes something already said
 *   (a notice's "Đã nhận" counter, buttons removed after a choice, a status mark); re-sending it as a new
 *   message would spam a group of a hundred people with counters. So an edit is a no-op that reports
 *   success (with the target's ids), and the newest state is what people see next time the core writes.
 * - pin: Zalo has no message pin. A "pin" fails for good with the reason "Zalo has no message pin", so the
 *   office is told; the core sends a "note" instead, which becomes a pinned group note (title + summary).
 * - buttons: choices become a numbered list; the list is remembered (saveMenu) under the message ids, so a
 *   reply quoting it with a number or the words becomes the choice (see inbound.ts).
 * - files from Telegram (`source.platform === "telegram"`) cannot be fetched by Zalo: permanent failure.
 * - a text marked `reactInstead` (the thanks for an acknowledgement) becomes a 👍 reaction to the person's
 *   message it answers, so a hundred acknowledgements do not post a hundred messages in a group; it needs
 *   the message's two ids, known for messages received since the start (or read back after it), else the
 *   text is sent. Reactions are paced like messages (they are outbox entries).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SendMessageQuote } from "zca-js";
import type { ChatRow } from "../../db/chats.js";
import type { MenuChoice } from "../../db/menus.js";
import type { PlatformSender, SendContext, SendOutcome } from "../../delivery/platform-sender.js";
import type { RateLimits } from "../../delivery/rate-limiter.js";
import type { Logger } from "../../logging/logger.js";
import type { FileMessage, StoredMessage } from "../../messaging/outbound.js";
import { htmlToPlainText } from "../../text/html.js";
import { zalo as texts } from "../../i18n/vi/zalo.js";
import { classifyZaloError } from "./errors.js";
import { imageSize } from "./image-size.js";
import { renderZaloMessage } from "./render.js";
import { Reactions, ThreadType, type ZaloApi, type ZaloSendContent, type ZaloSendResult } from "./zalo-api.js";
import { cutText } from "../../text/graphemes.js";

/** How long one Zalo call (a text, or an upload and its message) may take before it counts as failed. */
export const ZALO_CALL_TIMEOUT_MS = 120_000;
/** Waiting for the session to come back (login again) does not count as an attempt. */
export const NOT_CONNECTED_WAIT_MS = 60_000;
/** A group note's text (title and summary in one, as Zalo notes have only a title). */
export const NOTE_MAX_CHARS = 500;
/** Largest file the sender downloads to forward a Zalo attachment. */
export const FORWARD_MAX_BYTES = 50 * 1024 * 1024;

export interface ZaloSenderOptions {
  /** ZALO_SEND_GAP_MS: minimum gap between two sends of the account */
  sendGapMs: number;
  /** ZALO_GROUP_GAP_MS: minimum gap between two sends into one group */
  groupGapMs: number;
  /** the logged-in session, or null while Zalo is not connected */
  session(): ZaloApi | null;
  /** remembers a numbered menu sent in a chat (db/menus.ts saveMenu); failures are logged, not fatal */
  saveMenu?(chatExternalId: string, messageId: string, choices: MenuChoice[]): Promise<void>;
  /** a message received recently, to quote it when the core replies to it (Zalo needs the whole message) */
  quoteFor?(chatExternalId: string, messageId: string): SendMessageQuote | undefined;
  /** Zalo said the session is no longer valid */
  onSessionError?(reason: string): void;
  logger?: Logger;
  /** give up on a message after this many throttling answers in a row for its chat (default 3) */
  maxThrottledInARow?: number;
  callTimeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ZaloSender implements PlatformSender {
  readonly platform = "zalo";
  readonly limits: RateLimits;
  private queue: Promise<unknown> = Promise.resolve();
  private lastStart = -Infinity;
  private readonly throttledInARow = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: ZaloSenderOptions) {
    this.limits = {
      // Generous windows: the gaps below are what paces Zalo.
      globalPerSecond: 1000,
      groupPerMinute: 1000,
      privatePerSecond: 1000,
      accountGapMs: o.sendGapMs,
      groupGapMs: o.groupGapMs,
    };
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
  }

  async send(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    // Zalo cannot edit: see the file comment. Nothing is sent, so nothing needs the session.
    // Zalo cannot edit a sent message: an edit that carries a fallback is sent as a new short message.
    if (message.kind === "edit" && message.fallback === undefined)
      return {
        ok: true,
        messageIds: (await ctx.resolveTarget(message.targetKey, "last")) ?? [],
        extra: { zaloEdit: "skipped: Zalo cannot edit a sent message" },
      };
    // Deleting and unpinning are not offered to this account: the recall message in the group says it instead.
    if (message.kind === "delete" || message.kind === "unpin")
      return { ok: true, messageIds: [], extra: { zalo: `skipped: ${message.kind} is not available on Zalo` } };
    if (message.kind === "pin")
      return { ok: false, kind: "permanent", reason: "Zalo has no message pin (a pinned group note is used instead)" };
    if (message.kind === "note" && chat.kind !== "group")
      return { ok: false, kind: "permanent", reason: "Zalo notes exist only in groups" };
    if (message.kind === "file" && message.source.type === "platform" && message.source.platform !== "zalo") {
      return {
        ok: false,
        kind: "permanent",
        reason: `cannot forward a ${message.source.platform} file to Zalo (only a stored copy can be sent)`,
      };
    }
    return this.exclusive(async () => {
      const api = this.o.session();
      if (!api)
        return {
          ok: false,
          kind: "rate_limited",
          retryAfterMs: NOT_CONNECTED_WAIT_MS,
          reason: "Zalo is not connected (waiting for the session to be restored)",
        };
      let outcome: SendOutcome;
      try {
        outcome = await this.withTimeout(this.call(api, chat, message, ctx));
      } catch (err) {
        const info = classifyZaloError(err, chat.kind);
        if (info.sessionError) this.o.onSessionError?.(info.outcome.reason);
        outcome = info.throttled ? this.countThrottle(chat, info.outcome) : info.outcome;
        this.o.logger?.debug(
          { chatId: chat.id, kind: outcome.ok ? "ok" : outcome.kind, reason: outcome.ok ? undefined : outcome.reason },
          "zalo send failed",
        );
        return outcome;
      }
      if (outcome.ok) this.throttledInARow.delete(chat.externalId);
      else if (outcome.kind === "rate_limited") outcome = this.countThrottle(chat, outcome);
      return outcome;
    });
  }

  /** One call at a time for the whole account, each starting at least `sendGapMs` after the previous. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      const wait = this.lastStart + this.o.sendGapMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastStart = this.now();
      return task();
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.o.callTimeoutMs ?? ZALO_CALL_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error(`no answer from Zalo within ${Math.round(ms / 1000)} s`), { name: "TimeoutError" })),
        ms,
      );
      timer.unref?.();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Zalo's anti-spam answer, several times in a row for one chat: stop retrying this message. */
  private countThrottle(chat: ChatRow, outcome: Exclude<SendOutcome, { ok: true }>): SendOutcome {
    const n = (this.throttledInARow.get(chat.externalId) ?? 0) + 1;
    const max = this.o.maxThrottledInARow ?? 3;
    if (n >= max) {
      this.throttledInARow.delete(chat.externalId);
      return { ok: false, kind: "permanent", reason: `Zalo refused ${n} times in a row: ${outcome.reason}` };
    }
    this.throttledInARow.set(chat.externalId, n);
    return outcome;
  }

  private async call(api: ZaloApi, chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome> {
    const type = chat.kind === "group" ? ThreadType.Group : ThreadType.User;
    switch (message.kind) {
      case "text": {
        const quote = message.replyTo ? this.o.quoteFor?.(chat.externalId, message.replyTo) : undefined;
        if (message.reactInstead && quote?.msgId && quote.cliMsgId) {
          // A reaction to the person's message instead of a thanks in the group (Zalo needs both of its ids,
          // which only the received message carries; without them the text is sent).
          await api.addReaction(Reactions.LIKE, { msgId: String(quote.msgId), cliMsgId: String(quote.cliMsgId) }, chat.externalId, type);
          return { ok: true, messageIds: [], extra: { zaloReaction: Reactions.LIKE, to: message.replyTo } };
        }
        const rendered = renderZaloMessage(String(message.text), message.choices);
        const content: ZaloSendContent = {
          msg: rendered.msg,
          ...(rendered.styles.length ? { styles: rendered.styles } : {}),
          ...(quote ? { quote } : {}),
        };
        return this.finish(chat, await api.sendMessage(content, chat.externalId, type), rendered.menu);
      }
      case "file": {
        const loaded = await this.loadFile(message, ctx);
        if (!loaded.ok) return loaded.outcome;
        const rendered = renderZaloMessage(message.caption !== undefined ? String(message.caption) : "", message.choices);
        const content: ZaloSendContent = {
          msg: rendered.msg,
          attachments: [loaded.source],
          ...(rendered.styles.length ? { styles: rendered.styles } : {}),
        };
        return this.finish(chat, await api.sendMessage(content, chat.externalId, type), rendered.menu);
      }
      case "edit": {
        const rendered = renderZaloMessage(String(message.fallback ?? ""), undefined);
        const content: ZaloSendContent = { msg: rendered.msg, ...(rendered.styles.length ? { styles: rendered.styles } : {}) };
        return this.finish(chat, await api.sendMessage(content, chat.externalId, type), rendered.menu);
      }
      case "note": {
        const summary = htmlToPlainText(message.text).trim();
        const full = summary ? `${message.title.trim()}\n${summary}` : message.title.trim();
        const title = full.length > NOTE_MAX_CHARS ? `${cutText(full, NOTE_MAX_CHARS - 1).trimEnd()}…` : full;
        const note = await api.createNote({ title, pinAct: true }, chat.externalId);
        return { ok: true, messageIds: [String(note.id)], extra: { zaloNote: true } };
      }
      default:
        return { ok: false, kind: "permanent", reason: `unsupported message kind ${(message as { kind: string }).kind}` };
    }
  }

  private async finish(chat: ChatRow, result: ZaloSendResult, menu: MenuChoice[]): Promise<SendOutcome> {
    const ids = [result.message?.msgId, ...(result.attachment ?? []).map((a) => a?.msgId)]
      .filter((id) => id !== undefined && id !== null && String(id) !== "" && String(id) !== "0")
      .map(String);
    if (ids.length === 0) {
      // Seen in the wild (zca-js issue 357): no error, no message id, and nothing delivered; Zalo throttling.
      return {
        ok: false,
        kind: "rate_limited",
        retryAfterMs: NOT_CONNECTED_WAIT_MS,
        reason: "Zalo returned no message id (the account is probably being throttled)",
      };
    }
    if (menu.length > 0 && this.o.saveMenu) {
      for (const id of ids) {
        // The message is out: a failure here must not make the outbox send it again.
        await this.o
          .saveMenu(chat.externalId, id, menu)
          .catch((err) => this.o.logger?.error({ err, chatId: chat.id }, "could not remember a numbered menu sent on Zalo"));
      }
    }
    return { ok: true, messageIds: ids };
  }

  private async loadFile(
    message: FileMessage<string>,
    ctx: SendContext,
  ): Promise<{ ok: true; source: NonNullable<ZaloSendContent["attachments"]>[number] } | { ok: false; outcome: SendOutcome }> {
    let data: Buffer;
    let fallbackName: string;
    if (message.source.type === "stored") {
      const file = ctx.resolveStoredFile(message.source.path);
      try {
        data = await readFile(file);
      } catch (err) {
        return {
          ok: false,
          outcome: {
            ok: false,
            kind: "permanent",
            reason: `stored file ${message.source.path} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`,
          },
        };
      }
      fallbackName = path.basename(file);
    } else {
      // A Zalo attachment (its URL): download it and send a copy.
      const url = message.source.fileId;
      if (!/^https?:\/\//i.test(url))
        return { ok: false, outcome: { ok: false, kind: "permanent", reason: "a Zalo file reference must be its URL" } };
      try {
        data = await downloadLimited(this.o.fetch ?? fetch, url, FORWARD_MAX_BYTES);
      } catch (err) {
        const msg = (err as Error).message ?? "";
        // Too large, or Zalo no longer serves the link: retrying will not help.
        if (/larger than|HTTP 4\d\d/.test(msg))
          return { ok: false, outcome: { ok: false, kind: "permanent", reason: `cannot forward the Zalo file: ${msg}` } };
        throw err;
      }
      fallbackName = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "") || texts.defaultFileName;
    }
    const filename = withExtension(message.fileName ?? fallbackName, message.mime, fallbackName, message.fileKind);
    const size = message.fileKind === "photo" ? imageSize(data) : null;
    return {
      ok: true,
      source: { data, filename, metadata: { totalSize: data.length, ...(size ? { width: size.width, height: size.height } : {}) } },
    };
  }
}

const MIME_EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/plain": "txt",
  "text/csv": "csv",
  "application/zip": "zip",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** zca-js decides how to send a file by its extension, and needs one: add it when the name has none. */
export function withExtension(
  name: string,
  mime: string | undefined,
  fallbackName: string,
  kind: "photo" | "document",
): `${string}.${string}` {
  const clean = name.replace(/[\\/]/g, "_").trim() || texts.defaultFileName;
  if (/\.[A-Za-z0-9]{1,8}$/.test(clean)) return clean as `${string}.${string}`;
  const fromFallback = /\.([A-Za-z0-9]{1,8})$/.exec(fallbackName)?.[1];
  const ext = (mime ? MIME_EXTENSIONS[mime.toLowerCase()] : undefined) ?? fromFallback ?? (kind === "photo" ? "jpg" : "bin");
  return `${clean}.${ext}`;
}

/** Downloads a URL into memory, refusing more than `maxBytes`. */
export async function downloadLimited(fetchImpl: typeof fetch, url: string, maxBytes: number, timeoutMs = 60_000): Promise<Buffer> {
  const res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw Object.assign(new Error(`file download failed: HTTP ${res.status}`), { name: "DownloadError" });
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new Error(`file is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error(`file is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
