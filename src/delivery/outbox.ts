/**
 * The outbox: every outgoing message is written here (inside the transaction of the change that caused it,
 * where there is one) before anything is sent. The idempotency key is unique, so writing the same message
 * twice (a retried handler, a redelivered update, two processes planning the same reminder) stores it once.
 *
 * Long text is split here, once, by the target platform's limit: each part is its own entry (key, key#2,
 * key#3 ...) sent in order, so a crash between parts resumes at the right part.
 */
import type { Tx } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import { findChatById } from "../db/chats.js";
import {
  cancelPendingByCoalesceKey,
  existingKeys,
  findOutboxByKey,
  insertOutboxRows,
  partKeysOf,
  type NewOutboxRow,
} from "../db/outbox.js";
import type { OutboundMessage, StoredMessage, TextMessage } from "../messaging/outbound.js";
import { splitHtml, visibleLength } from "../text/split-html.js";
import { SafeHtml } from "../text/html.js";
import { capabilitiesOf } from "../messaging/platform.js";
import { isWellFormed } from "../text/graphemes.js";

/**
 * Text with half of a character (a lone surrogate, e.g. an emoji cut at a fixed position) is refused
 * at the door: Telegram would refuse it for good at sending time, after the person was told it went out.
 * Thrown inside the caller's transaction, it undoes the change the message was reporting.
 */
export class IllFormedTextError extends Error {
  constructor(readonly key: string) {
    super(`outbox entry ${key}: text with a lone surrogate (half a character) cannot be sent`);
  }
}

/** Every string of the message (text, caption, labels, button data, file name, note), SafeHtml included. */
function hasIllFormedString(value: unknown): boolean {
  if (typeof value === "string") return !isWellFormed(value);
  if (value instanceof SafeHtml) return !isWellFormed(value.value);
  if (Array.isArray(value)) return value.some(hasIllFormedString);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasIllFormedString);
  return false;
}

function assertWellFormed(key: string, message: OutboundMessage): void {
  if (hasIllFormedString(message)) throw new IllFormedTextError(key);
}

export const PRIORITY = { bulk: 0, normal: 5, interactive: 10 } as const;

export interface EnqueueInput {
  /** idempotency key: the same key is stored (and sent) once */
  key: string;
  /** database id of the target Chat */
  chatId: number;
  message: OutboundMessage;
  priority?: number;
  notBefore?: Date;
  ref?: { type: string; id: number };
  /** a pending message with the same coalesce key is cancelled in favour of this one */
  coalesceKey?: string;
}

export interface EnqueueResult {
  /** keys of the stored parts, in sending order; the last one carries the choices (the first with choicesOn: "first") */
  keys: string[];
  created: boolean;
}

export const partKey = (key: string, index: number): string => (index === 0 ? key : `${key}#${index + 1}`);

const textOf = (t: SafeHtml | string): string => (t instanceof SafeHtml ? t.value : t);

/** The stored form of a message: its markup rendered to strings. */
function rendered(message: OutboundMessage | StoredMessage): StoredMessage {
  switch (message.kind) {
    case "text":
      return { ...message, text: textOf(message.text) };
    case "file":
      return message.caption === undefined ? { ...message, caption: undefined } : { ...message, caption: textOf(message.caption) };
    case "edit":
      return {
        ...message,
        ...(message.text !== undefined ? { text: textOf(message.text) } : {}),
        ...(message.fallback !== undefined ? { fallback: textOf(message.fallback) } : {}),
      } as StoredMessage;
    default:
      return message;
  }
}

/** Splits a message into the parts that will be sent: long text into several texts, a long caption into a text after the file. */
export function splitForPlatform(message: OutboundMessage | StoredMessage, platform: string): StoredMessage[] {
  const { textLimit, captionLimit } = capabilitiesOf(platform);
  if (message.kind === "file" && message.caption !== undefined && visibleLength(textOf(message.caption)) > captionLimit) {
    const { caption, choices, ...file } = message;
    return [file, ...splitForPlatform({ kind: "text", text: textOf(caption), ...(choices ? { choices } : {}) }, platform)];
  }
  if (message.kind !== "text") return [rendered(message)];
  const parts = splitHtml(textOf(message.text), textLimit);
  if (parts.length <= 1) return [{ ...message, text: textOf(message.text) }];
  const choicesAt = message.choicesOn === "first" ? 0 : parts.length - 1;
  return parts.map((part, i): TextMessage<string> => {
    return {
      kind: "text",
      text: part,
      ...(i === choicesAt && message.choices ? { choices: message.choices } : {}),
      ...(i === 0 && message.replyTo ? { replyTo: message.replyTo } : {}),
      ...(message.silent ? { silent: true } : {}),
    };
  });
}

/** Serialises a message for storage; SafeHtml becomes its string. */
function toPayload(message: StoredMessage): string {
  return JSON.stringify(message, (_k, v: unknown) => (v instanceof SafeHtml ? v.value : v));
}

export async function enqueue(tx: Tx, input: EnqueueInput): Promise<EnqueueResult> {
  assertWellFormed(input.key, input.message);
  if (await findOutboxByKey(tx, input.key)) return { keys: await partKeysOf(tx, input.key), created: false };
  const chat = await findChatById(tx, input.chatId);
  if (!chat) throw new Error(`enqueue: no chat with id ${input.chatId}`);
  if (input.coalesceKey) await cancelPendingByCoalesceKey(tx, input.coalesceKey);
  const parts = splitForPlatform(input.message, chat.platform);
  const keys = parts.map((_, i) => partKey(input.key, i));
  try {
    await insertOutboxRows(
      tx,
      parts.map((part, i) => ({
        idempotencyKey: keys[i]!,
        chatId: input.chatId,
        kind: part.kind,
        payloadJson: toPayload(part),
        priority: input.priority ?? PRIORITY.normal,
        notBefore: input.notBefore ?? new Date(0),
        refType: input.ref?.type ?? null,
        refId: input.ref?.id ?? null,
        coalesceKey: input.coalesceKey ?? null,
      })),
    );
  } catch (err) {
    // Another process stored the same key between our check and insert: it is stored once, as intended.
    if (isUniqueViolation(err)) return { keys: await partKeysOf(tx, input.key), created: false };
    throw err;
  }
  return { keys, created: true };
}

/**
 * Many messages at once (a notice's fan-out): the same rules as `enqueue`, with one look-up for existing
 * keys and batched inserts, and each distinct text split once per platform. Keys already stored are skipped.
 * @param chats the target chats' platforms by chat id (the caller has them loaded)
 * @param opts.freshKeys the keys are new by construction: skip looking them up
 */
export async function enqueueMany(
  tx: Tx,
  inputs: readonly EnqueueInput[],
  chats: ReadonlyMap<number, { platform: string }>,
  opts: { freshKeys?: boolean } = {},
): Promise<number> {
  // Keys derived from a row created in this same transaction (a new notice's id) cannot exist yet.
  const present = opts.freshKeys
    ? new Set<string>()
    : await existingKeys(
        tx,
        inputs.map((i) => i.key),
      );
  // A fan-out passes the same message object for every chat of a platform: split and serialise it once.
  const prepared = new Map<OutboundMessage, Map<string, { kind: string; payload: string }[]>>();
  const rows: NewOutboxRow[] = [];
  for (const input of inputs) {
    if (present.has(input.key)) continue;
    const chat = chats.get(input.chatId);
    if (!chat) throw new Error(`enqueueMany: chat ${input.chatId} not given`);
    if (input.coalesceKey) await cancelPendingByCoalesceKey(tx, input.coalesceKey);
    let byPlatform = prepared.get(input.message);
    if (!byPlatform) prepared.set(input.message, (byPlatform = new Map()));
    let parts = byPlatform.get(chat.platform);
    if (!parts) {
      assertWellFormed(input.key, input.message);
      parts = splitForPlatform(input.message, chat.platform).map((part) => ({ kind: part.kind, payload: toPayload(part) }));
      byPlatform.set(chat.platform, parts);
    }
    parts.forEach((part, i) => {
      rows.push({
        idempotencyKey: partKey(input.key, i),
        chatId: input.chatId,
        kind: part.kind,
        payloadJson: part.payload,
        priority: input.priority ?? PRIORITY.normal,
        notBefore: input.notBefore ?? new Date(0),
        refType: input.ref?.type ?? null,
        refId: input.ref?.id ?? null,
        coalesceKey: input.coalesceKey ?? null,
      });
    });
  }
  await insertOutboxRows(tx, rows);
  return rows.length;
}
