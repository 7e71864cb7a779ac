/**
 * The port between the outbox sender and a chat platform. An adapter turns an outbound message into
 * platform calls and classifies what went wrong, so the retry policy is written once for all platforms.
 */
import type { ChatRow } from "../db/chats.js";
import type { StoredMessage } from "../messaging/outbound.js";
import type { RateLimits } from "./rate-limiter.js";

export type SendOutcome =
  | { ok: true; messageIds: string[]; extra?: Record<string, unknown> }
  /** the platform asked to slow down: retry this chat after the given time */
  | { ok: false; kind: "rate_limited"; retryAfterMs: number; reason: string }
  /** network failure, timeout, 5xx: retry with back-off */
  | { ok: false; kind: "transient"; reason: string }
  /** the bot was removed from the group or blocked by the user: stop sending to this chat */
  | { ok: false; kind: "chat_gone"; reason: string }
  /** the group became a supergroup with a new id: move the chat and resend */
  | { ok: false; kind: "migrated"; newChatId: string; reason: string }
  /** the platform refused this message for good (bad request, missing target) */
  | { ok: false; kind: "permanent"; reason: string };

export interface SendContext {
  /**
   * Platform message ids of an earlier outbox entry (for edits and pins), or null if it was not sent.
   * A long message was stored in parts: "last" is the part that carries the choices (the last part unless the
   * message asked for its first), "first" the header, "all" every part's ids in sending order (for deleting it).
   */
  resolveTarget(key: string, part: "first" | "last" | "all"): Promise<string[] | null>;
  /** absolute path of a stored file */
  resolveStoredFile(relativePath: string): string;
}

export interface PlatformSender {
  readonly platform: string;
  readonly limits: RateLimits;
  send(chat: ChatRow, message: StoredMessage, ctx: SendContext): Promise<SendOutcome>;
}
