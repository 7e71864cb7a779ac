/**
 * A handler's transaction may run twice (PostgreSQL retries a Serializable conflict, SQLite a busy lock): the
 * replies written are those of the attempt that committed, each once. Runs on both engines: the first attempt's
 * commit is made to fail with an error the engine's own retry takes for a lost race.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BotContext, type BotServices } from "../../src/bot/context.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { ensureChat } from "../../src/db/chats.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { silentLogger } from "../../src/logging/logger.js";
import type { UserEvent } from "../../src/messaging/events.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

/** Retried by both engines' transaction wrappers: SQLite's busy check and PostgreSQL's conflict check. */
const lostRace = (): Error => Object.assign(new Error("could not serialize access (database is locked)"), { code: "P2034" });

/** The real database, whose transactions fail at the end of their first attempt `failures` times. */
function failingFirstAttempts(db: Database, failures: number): Database {
  let left = failures;
  return {
    ...db,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const value = await fn(tx);
        if (left-- > 0) throw lostRace();
        return value;
      }),
  };
}

describe("a handler's transaction that is retried", () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  async function context(failures: number): Promise<{ ctx: BotContext; db: Database; chatId: number }> {
    t = await createTestDatabase();
    const db = failingFirstAttempts(t.db, failures);
    const chat = await ensureChat(t.db.prisma, "telegram", "501", "private", "Chị Lan");
    const services: BotServices = {
      db,
      config: loadConfig({ DATABASE_URL: t.url, DATA_DIR: t.dir, LOG_LEVEL: "silent" }),
      logger: silentLogger(),
      clock: new FixedClock(new Date("2026-12-05T02:00:00Z")),
      platforms: {},
      notifyOutbox: () => undefined,
    };
    const user = { platform: "telegram", id: "501", displayName: "Chị Lan" };
    const event: UserEvent = {
      type: "text",
      chat: { platform: "telegram", id: "501", kind: "private" },
      user,
      text: "xin chào",
      messageId: "7",
      eventKey: "tg:u:42",
    };
    return { ctx: new BotContext(services, event, chat, null, new Date("2026-12-05T02:00:00Z")), db: t.db, chatId: chat.id };
  }

  const outbox = (db: Database) =>
    db.prisma.outboxMessage.findMany({ orderBy: { idempotencyKey: "asc" }, select: { idempotencyKey: true, chatId: true } });

  it("keeps the replies added before commit and those of the attempt that committed, each once", async () => {
    const { ctx, db, chatId } = await context(2);
    ctx.reply("trước");
    let attempts = 0;
    await ctx.commit(async () => {
      attempts++;
      ctx.reply(`lần ${attempts}`);
    });
    await ctx.finish();
    expect(attempts).toBe(3);
    expect(await outbox(db)).toEqual([
      { idempotencyKey: "tg:u:42:r1", chatId },
      { idempotencyKey: "tg:u:42:r2", chatId },
    ]);
    const second = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "tg:u:42:r2" } });
    expect(JSON.stringify(second)).not.toContain("lần 1");
    expect(ctx.replies).toEqual([]);
    expect(await db.prisma.processedEvent.count({ where: { key: "tg:u:42" } })).toBe(1);
  });

  it("writes the replies left for finish even when its transaction is retried", async () => {
    const { ctx, db } = await context(1);
    ctx.reply("một");
    ctx.reply("hai");
    await ctx.finish();
    expect((await outbox(db)).map((m) => m.idempotencyKey)).toEqual(["tg:u:42:r1", "tg:u:42:r2"]);
    expect(ctx.replies).toEqual([]);
  });
});
