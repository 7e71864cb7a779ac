/**
 * Zalo answering HTTP 502 for minutes while its socket stays up: the outbox keeps retrying a message for
 * OUTBOX_RETRY_WINDOW_MINUTES after its first failure, not only OUTBOX_MAX_ATTEMPTS times. Driven by a
 * fixed clock: after each failed attempt the test moves the clock to the retry time the sender chose.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ZaloApiError } from "zca-js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { ensureChat } from "../../src/db/chats.js";
import { enqueue, PRIORITY } from "../../src/delivery/outbox.js";
import { OutboxSender } from "../../src/delivery/sender.js";
import { OutcomeHooks } from "../../src/delivery/outcome-hooks.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { silentLogger } from "../../src/logging/logger.js";
import { ZaloSender } from "../../src/platforms/zalo/sender.js";
import { adaptZcaApi } from "../../src/platforms/zalo/zalo-api.js";
import { FakeZaloApi } from "./fake-zalo.js";
import { html } from "../../src/text/html.js";

const GROUP = "6660001";
const MINUTE = 60_000;
let t: TestDatabase;
let outbox: OutboxSender | undefined;

beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  await t.cleanup();
});

/** Zalo fails every call with HTTP 502 for `errorsForMs` (clock time), then accepts. */
async function run(errorsForMs: number, retryWindowMs: number) {
  const clock = new FixedClock("2026-12-07T01:00:00Z");
  const start = clock.now().getTime();
  const zca = new FakeZaloApi();
  const http502 = () => new ZaloApiError("Request failed with status code 502");
  zca.failures.push(...Array.from({ length: 100 }, http502));
  const sender = new ZaloSender({ sendGapMs: 0, groupGapMs: 0, session: () => adaptZcaApi(zca) });
  const chat = await ensureChat(t.db.prisma, "zalo", GROUP, "group");
  await t.db.transaction((tx) =>
    enqueue(tx, { key: "notice:1", chatId: chat.id, message: { kind: "text", text: html`Thông báo lịch họp` }, priority: PRIORITY.bulk }),
  );
  outbox = new OutboxSender({
    db: t.db,
    sender,
    hooks: new OutcomeHooks(),
    logger: silentLogger(),
    clock,
    dataDir: t.dir,
    maxAttempts: 8,
    retryWindowMs,
    pollIntervalMs: 20,
    backoff: { baseMs: 1000, maxMs: 5 * MINUTE },
    random: () => 1,
  });
  await outbox.start();
  const row = () => t.db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "notice:1" } });
  const attemptsAt: number[] = [];
  for (let attempt = 1; attempt <= 40; attempt++) {
    await vi.waitFor(
      async () => {
        const r = await row();
        expect(r.attempts === attempt && r.status !== "sending").toBe(true);
      },
      { timeout: 5000, interval: 5 },
    );
    attemptsAt.push(clock.now().getTime() - start);
    const r = await row();
    if (r.status !== "pending") return { row: r, attemptsAt, sent: zca.sent };
    clock.set(r.notBefore);
    if (clock.now().getTime() - start >= errorsForMs) zca.failures.length = 0;
  }
  throw new Error("still pending after 40 attempts");
}

describe("retrying Zalo's HTTP errors by elapsed time", () => {
  it("sends a message after four minutes of HTTP 502 (more than OUTBOX_MAX_ATTEMPTS attempts, within the window)", async () => {
    const { row, attemptsAt, sent } = await run(4 * MINUTE, 30 * MINUTE);
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(9);
    // 1 s, 2 s, 4 s ... 128 s apart: the eighth failure came after about two minutes, the ninth call at 255 s.
    expect(attemptsAt).toEqual([0, 1, 3, 7, 15, 31, 63, 127, 255].map((s) => s * 1000));
    expect(sent.map((s) => s.content.msg)).toEqual(["Thông báo lịch họp"]);
    expect(row.firstFailedAt?.toISOString()).toBe("2026-12-07T01:00:00.000Z");
  });

  it("without a window, the same four minutes fail the message after OUTBOX_MAX_ATTEMPTS (the old behaviour)", async () => {
    const { row } = await run(4 * MINUTE, 0);
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    expect(row.lastError).toMatch(/^gave up after 8 attempts: .*502/);
  });

  it("gives up once the window has passed when Zalo keeps failing", async () => {
    const { row, attemptsAt } = await run(Number.POSITIVE_INFINITY, 30 * MINUTE);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/gave up after \d+ attempts: .*502/);
    // The last attempt is the first one at or after 30 minutes; the waits never exceed the 5-minute cap.
    expect(attemptsAt.at(-1)!).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(attemptsAt.at(-2)!).toBeLessThan(30 * MINUTE);
    for (let i = 1; i < attemptsAt.length; i++) expect(attemptsAt[i]! - attemptsAt[i - 1]!).toBeLessThanOrEqual(5 * MINUTE);
  });
});
