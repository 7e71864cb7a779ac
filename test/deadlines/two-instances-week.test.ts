/**
 * Two instances on one PostgreSQL database, their schedulers ticking at the same instants through a week of
 * reminders, escalations and digests (each instance its own connection pool, as two `npm start` would have):
 * what goes out is exactly what one instance alone sends for the same week, each once. The oracle is a second
 * council, set up the same way, where one instance ticks alone. PostgreSQL only (TEST_DATABASE_URL).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../src/jobs/scheduler.js";
import { addLocalDays } from "../../src/domain/time/vietnam-time.js";
import { onPostgres, openTestDatabase } from "../helpers/db.js";
import { at, demoCouncil, newTask, submit, type Council } from "./helpers.js";
import type { Database } from "../../src/db/client.js";

const councils: Council[] = [];
const extra: Database[] = [];
afterEach(async () => {
  for (const d of extra.splice(0)) await d.close();
  for (const c of councils.splice(0)) await c.cleanup();
});

/** A council with three tasks due during and after the week, and a few units answering on the way. */
async function prepared(): Promise<Council> {
  const c = await demoCouncil({ start: at("2022-05-23", "08:00") });
  councils.push(c);
  await newTask(c, { title: "Báo cáo kết quả tiếp xúc cử tri", dueDate: "25/5/2022", dueTime: "17:00" });
  await newTask(c, { title: "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương", dueDate: "27/5/2022", dueTime: "17:00" });
  await newTask(c, { title: "Báo cáo giải quyết kiến nghị cử tri", dueDate: "31/5/2022", dueTime: "17:00" });
  return c;
}

/** The instants of the week: every half hour from 07:00 to 20:30, Monday 23/5 to Sunday 29/5 (Vietnam time). */
function weekInstants(): Date[] {
  const out: Date[] = [];
  for (let d = 0; d < 7; d++)
    for (let minutes = 7 * 60; minutes <= 20 * 60 + 30; minutes += 30) {
      const day = addLocalDays("2022-05-23", d);
      out.push(at(day, `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`));
    }
  return out;
}

/** Units answering during the week (after some reminders went out, before others). */
async function answers(c: Council, now: Date): Promise<void> {
  if (now.getTime() === at("2022-05-24", "10:00").getTime()) {
    const tasks = await c.db.prisma.reportTask.findMany({ orderBy: { id: "asc" } });
    for (const code of ["PHO_AN", "PHO_PHONG", "PHO_CHAU"]) await submit(c, tasks[0]!.id, code, now);
    await submit(c, tasks[1]!.id, "PHO_AN", now);
  }
}

async function sentRecord(c: Council) {
  const outbox = await c.db.prisma.outboxMessage.findMany({ select: { idempotencyKey: true, chat: { select: { externalId: true } } } });
  const log = await c.db.prisma.dispatchLog.findMany({ select: { kind: true, key: true, outcome: true } });
  return {
    outbox: outbox.map((m) => `${m.chat.externalId} ${m.idempotencyKey}`).sort(),
    log: log.map((l) => `${l.kind} ${l.key} ${l.outcome}`).sort(),
  };
}

describe.runIf(onPostgres())("two instances ticking through a week on PostgreSQL", () => {
  it("send every reminder, escalation and digest once: exactly what one instance sends alone", async () => {
    const instants = weekInstants();

    const alone = await prepared();
    const single = createScheduler(alone.deps);
    for (const now of instants) {
      await answers(alone, now);
      await single.tickNow(now);
    }
    const expected = await sentRecord(alone);
    expect(expected.log.filter((l) => l.startsWith("reminder ") && l.endsWith(" sent")).length).toBeGreaterThan(0);
    expect(expected.log.filter((l) => l.startsWith("digest ")).length).toBeGreaterThan(0);

    const shared = await prepared();
    const secondPool = await openTestDatabase(shared.t.file);
    extra.push(secondPool);
    const first = createScheduler(shared.deps);
    const second = createScheduler({ ...shared.deps, db: secondPool });
    let duplicates = 0;
    for (const now of instants) {
      await answers(shared, now);
      const [a, b] = await Promise.all([first.tickNow(now), second.tickNow(now)]);
      duplicates += a.reminders.duplicates + b.reminders.duplicates + a.digests.duplicates + b.digests.duplicates;
    }
    const got = await sentRecord(shared);
    expect(got.log).toEqual(expected.log);
    expect(got.outbox).toEqual(expected.outbox);
    expect(new Set(got.outbox).size).toBe(got.outbox.length);
    // The two really raced: the loser of a point saw the winner's row (else this proves nothing about concurrency).
    expect(duplicates).toBeGreaterThan(0);
  }, 600_000);
});
