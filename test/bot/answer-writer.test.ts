/**
 * Group commit of answers (src/bot/answer-writer.ts): updates finishing together are written together, each
 * with its handled-marker; an update whose answer cannot be stored fails alone, the others are stored.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { AnswerWriter, markStartedTogether } from "../../src/bot/answer-writer.js";
import { html } from "../../src/text/html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const NOW = new Date("2026-12-05T03:00:00.000Z");
let t: TestDatabase;
let chatId: number;

beforeEach(async () => {
  t = await createTestDatabase();
  chatId = (await t.db.prisma.chat.create({ data: { platform: "telegram", externalId: "42", kind: "private", title: "An" } })).id;
});

afterEach(async () => {
  await t.cleanup();
});

const update = (n: number, text: string) => ({
  eventKey: `tg:u${n}`,
  now: NOW,
  answers: [{ key: `tg:u${n}:r1`, chatId, message: { kind: "text" as const, text: html`${text}` }, priority: 10 }],
  chats: new Map([[chatId, { platform: "telegram" }]]),
  freshKeys: true,
});

it("writes updates finishing together, each answer with its handled-marker, in order", async () => {
  const writer = new AnswerWriter(t.db);
  await Promise.all([1, 2, 3, 4, 5].map((n) => writer.write(update(n, `Trả lời ${n}`))));
  const rows = await t.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
  expect(rows.map((r) => r.idempotencyKey)).toEqual(["tg:u1:r1", "tg:u2:r1", "tg:u3:r1", "tg:u4:r1", "tg:u5:r1"]);
  const marked = await t.db.prisma.processedEvent.findMany({ orderBy: { key: "asc" } });
  expect(marked.map((m) => m.key)).toEqual(["tg:u1", "tg:u2", "tg:u3", "tg:u4", "tg:u5"]);
});

it("fails only the update whose answer cannot be stored (half an emoji), not the others of its batch", async () => {
  const writer = new AnswerWriter(t.db);
  const results = await Promise.allSettled([
    writer.write(update(1, "Trả lời 1")),
    writer.write(update(2, "Trả lời 2")),
    writer.write(update(3, "nửa ký tự \ud83d")),
    writer.write(update(4, "Trả lời 4")),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  const rows = await t.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
  expect(rows.map((r) => r.idempotencyKey)).toEqual(["tg:u1:r1", "tg:u2:r1", "tg:u4:r1"]);
  const marked = await t.db.prisma.processedEvent.findMany({ orderBy: { key: "asc" } });
  expect(marked.map((m) => m.key)).toEqual(["tg:u1", "tg:u2", "tg:u4"]);
});

it("records that updates began, together, and tells a redelivered one it began before", async () => {
  const first = await Promise.all([1, 2, 3].map((n) => markStartedTogether(t.db, `tg:u${n}`, NOW)));
  expect(first).toEqual(["first", "first", "first"]);
  const again = await Promise.all([3, 4].map((n) => markStartedTogether(t.db, `tg:u${n}`, NOW)));
  expect(again).toEqual(["again", "first"]);
  expect(await t.db.prisma.startedEvent.count()).toBe(4);
});
