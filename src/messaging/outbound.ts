/**
 * Outbound messages: what the core wants said, in platform-neutral terms. The adapter decides how a
 * choice looks: an inline keyboard on Telegram, a numbered list on Zalo (answered by number or words).
 */
import type { SafeHtml } from "../text/html.js";

export type Choice =
  | { kind: "action"; label: string /** opaque data routed back as a "choice" event; at most 64 bytes */; data: string }
  | { kind: "url"; label: string; url: string };

/**
 * `M` is how markup travels: SafeHtml when the core writes a message (built with html``, so a plain
 * string, which might be unescaped user text, cannot slip in), string once the outbox has stored it
 * (StoredMessage, what platform senders get).
 */
export interface TextMessage<M = SafeHtml> {
  kind: "text";
  /** Telegram-HTML subset, built with html`` so user text is escaped */
  text: M;
  /** rows of choices */
  choices?: Choice[][];
  /** reply to this platform message id, where the platform supports it */
  replyTo?: string;
  /**
   * where the platform can react to a message, react to `replyTo` with this instead of sending the text:
   * a thanks that a busy group need not read (an acknowledgement); elsewhere the text is sent
   */
  reactInstead?: "👍";
  silent?: boolean;
  /**
   * Asks this person to answer by replying to the message (Telegram's force_reply, selective: the person is
   * named in the message, and its sender is replied to when `replyTo` is given), because in a group the bot
   * hears plain text only as a reply. Not combined with choices. Platforms that hear every message ignore it.
   */
  forceReply?: { userId: string; name: string; replyTo?: string };
  /**
   * Which part carries the choices when the text is split: the last (default, under everything it is about) or
   * the first (a notice's "Đã nhận", on the part that is pinned and seen first). Edits of the choices find it.
   */
  choicesOn?: "first" | "last";
}

export interface FileMessage<M = SafeHtml> {
  kind: "file";
  fileKind: "document" | "photo";
  /**
   * a stored copy under the data folder, or a platform file reference to forward; a received report or
   * issue file also names its attachment, so another platform can be sent the server's copy of it
   */
  source: { type: "stored"; path: string } | { type: "platform"; platform: string; fileId: string; attachmentId?: number };
  fileName?: string;
  mime?: string;
  caption?: M;
  choices?: Choice[][];
}

/** Changes a message the bot sent before, found by the idempotency key of the outbox entry that sent it. */
export interface EditMessage<M = SafeHtml> {
  kind: "edit";
  targetKey: string;
  /** which part of a message sent in parts: the last (with the choices, the default) or the first (the header) */
  part?: "first" | "last";
  text?: M;
  /** null removes the choices */
  choices?: Choice[][] | null;
  /**
   * Platforms that cannot edit a sent message (Zalo) send this short text instead, when given; without it
   * the edit is skipped there (e.g. a counter that would only add noise to a group).
   */
  fallback?: M;
}

export interface PinMessage {
  kind: "pin";
  targetKey: string;
}

/** Unpins a message the bot pinned before. */
export interface UnpinMessage {
  kind: "unpin";
  targetKey: string;
}

/**
 * Deletes messages the bot sent before (every part of each key). Platforms that cannot delete skip it;
 * the caller says so to the people another way (a notice's recall is announced in each group).
 */
export interface DeleteMessage {
  kind: "delete";
  targetKeys: string[];
}

/** A pinned note with a title and summary (Zalo's stand-in for pinning a message). */
export interface NoteMessage {
  kind: "note";
  title: string;
  text: string;
}

export type OutboundMessage = TextMessage | FileMessage | EditMessage | PinMessage | UnpinMessage | DeleteMessage | NoteMessage;
/** A message as the outbox stores it and platform senders send it: markup already rendered to a string. */
export type StoredMessage =
  | TextMessage<string>
  | FileMessage<string>
  | EditMessage<string>
  | PinMessage
  | UnpinMessage
  | DeleteMessage
  | NoteMessage;

export const text = (t: SafeHtml, choices?: Choice[][]): TextMessage =>
  choices ? { kind: "text", text: t, choices } : { kind: "text", text: t };
export const action = (label: string, data: string): Choice => ({ kind: "action", label, data });
export const link = (label: string, url: string): Choice => ({ kind: "url", label, url });
