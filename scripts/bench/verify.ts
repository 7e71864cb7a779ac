/**
 * Checks a broadcast against the fake Bot API's log: which expected parts arrived, which are missing,
 * which arrived more than once, and whether every chat got its parts in order. Identity of a part is
 * (chat id, content hash, position in the chat's sequence): the same text twice in a chat would be told
 * apart by its position.
 */
import type { SentMessageRecord } from "../../test/fakes/telegram-bot-api/types.js";
import { sha1, type ExpectedPart } from "./setup.js";

/** What the benchmark keeps of one delivered message (the fake's records carry the whole text). */
export interface DeliveredRecord {
  seq: number;
  chatId: string;
  method: string;
  at: number;
  hash: string;
}

export function compactRecord(m: SentMessageRecord): DeliveredRecord {
  let hash: string;
  if (m.method === "sendMessage") hash = sha1(m.text ?? "");
  else if (m.document) hash = `doc:${m.document.fileName}:${m.document.sha256}`;
  else hash = `${m.method}:${sha1(JSON.stringify(m.photo ?? m.caption ?? ""))}`;
  return { seq: m.seq, chatId: String(m.chatId), method: m.method, at: m.at, hash };
}

export interface Duplicate {
  chatId: string;
  index: number;
  outboxId: number;
  copies: number;
}

export interface Verification {
  expected: number;
  /** parts that failed for good because the chat cannot receive (403, bot removed): not counted as lost */
  undeliverable: ExpectedPart[];
  /** expected (deliverable) parts found at least once in the log */
  delivered: number;
  /** deliverable parts not in the log */
  lost: ExpectedPart[];
  duplicates: Duplicate[];
  /** extra copies in total (a part delivered 3 times counts 2) */
  duplicatedCount: number;
  /** records in the log that match no expected part of their chat */
  unexpected: DeliveredRecord[];
  /** chats whose parts (first copies) did not arrive in sending order */
  outOfOrderChats: string[];
  inOrder: boolean;
  /** first-delivery time of every delivered part, epoch ms, in delivery order */
  firstDeliveryAt: number[];
}

const UNDELIVERABLE = /^chat_(gone|inactive)/;

export function isUndeliverable(p: ExpectedPart): boolean {
  return p.status === "failed" && UNDELIVERABLE.test(p.lastError ?? "");
}

/**
 * `records` may hold messages of other chats (ignored unless a chat of `expected` is concerned).
 * With `statusKnown` false (the naive baseline has no outbox), nothing is undeliverable.
 */
export function verifyDeliveries(expected: ExpectedPart[], records: DeliveredRecord[], statusKnown = true): Verification {
  const byChat = new Map<string, ExpectedPart[]>();
  for (const p of expected) {
    const list = byChat.get(p.chatId) ?? [];
    list.push(p);
    byChat.set(p.chatId, list);
  }
  const logByChat = new Map<string, DeliveredRecord[]>();
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (!byChat.has(r.chatId)) continue;
    const list = logByChat.get(r.chatId) ?? [];
    list.push(r);
    logByChat.set(r.chatId, list);
  }
  const undeliverable: ExpectedPart[] = [];
  const lost: ExpectedPart[] = [];
  const duplicates: Duplicate[] = [];
  const unexpected: DeliveredRecord[] = [];
  const outOfOrderChats: string[] = [];
  const firstDeliveryAt: number[] = [];
  let delivered = 0;
  let duplicatedCount = 0;
  for (const [chatId, parts] of byChat) {
    const log = logByChat.get(chatId) ?? [];
    // Match each record to the expected part with the same content; with equal contents, the earliest
    // part not matched yet (a repeat of an already delivered part is a duplicate).
    const copies = new Map<number, DeliveredRecord[]>();
    const firstOrder: number[] = [];
    for (const r of log) {
      const candidates = parts.filter((p) => p.hash === r.hash);
      if (candidates.length === 0) {
        unexpected.push(r);
        continue;
      }
      const fresh = candidates.find((p) => !copies.has(p.index));
      const part = fresh ?? candidates[0]!;
      const list = copies.get(part.index) ?? [];
      list.push(r);
      copies.set(part.index, list);
      if (list.length === 1) firstOrder.push(part.index);
    }
    for (const p of parts) {
      const got = copies.get(p.index);
      if (!got) {
        if (statusKnown && isUndeliverable(p)) undeliverable.push(p);
        else lost.push(p);
        continue;
      }
      delivered++;
      firstDeliveryAt.push(got[0]!.at);
      if (got.length > 1) {
        duplicates.push({ chatId, index: p.index, outboxId: p.outboxId, copies: got.length });
        duplicatedCount += got.length - 1;
      }
    }
    // In order: the first copies arrived as 0, 1, 2 ... (a missing part is reported as lost, not here).
    for (let i = 1; i < firstOrder.length; i++) {
      if (firstOrder[i]! < firstOrder[i - 1]!) {
        outOfOrderChats.push(chatId);
        break;
      }
    }
  }
  firstDeliveryAt.sort((a, b) => a - b);
  return {
    expected: expected.length,
    undeliverable,
    delivered,
    lost,
    duplicates,
    duplicatedCount,
    unexpected,
    outOfOrderChats,
    inOrder: outOfOrderChats.length === 0,
    firstDeliveryAt,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}
