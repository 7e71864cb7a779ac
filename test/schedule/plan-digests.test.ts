import { afterAll, describe, expect, it } from "vitest";
import cron from "node-cron";
import {
  compileCron,
  cronMatches,
  previousOccurrence,
  previousOccurrences,
  validateCron,
  type CompiledCron,
} from "../../src/domain/digests/cron.js";
import { planDigests, type PlanDigestsInput } from "../../src/domain/digests/plan-digests.js";
import { TZ, at, show } from "./helpers.js";

function compiled(expr: string): CompiledCron {
  const c = compileCron(expr);
  if (!c.ok) throw new Error(c.message);
  return c.cron;
}

function digests(now: Date, extra: Partial<PlanDigestsInput> = {}) {
  return planDigests({
    now,
    timezone: TZ,
    daily: "0 17 * * *",
    weekly: "30 7 * * 1",
    dispatched: new Set(),
    ...extra,
  });
}

describe("validateCron", () => {
  it("accepts what node-cron accepts", () => {
    for (const expr of [
      "0 17 * * *",
      "30 7 * * 1",
      "0 0 17 * * *",
      "*/15 8-17 * * mon-fri",
      "0 8 1,15 * *",
      "@daily",
      "0 9 L * *",
      "0 9 * * 5L",
      "0 9 * * 1#1",
    ]) {
      expect(validateCron(expr)).toEqual({ ok: true });
      expect(cron.validate(expr)).toBe(true);
    }
  });

  it("refuses invalid expressions with an English message for the operator", () => {
    for (const expr of [
      "",
      "0 17 * *",
      "61 17 * * *",
      "0 24 * * *",
      "0 17 32 * *",
      "0 17 * 13 *",
      "0 17 * * 8",
      "every day at 5pm",
      "0 17 30 2 *",
    ]) {
      const r = validateCron(expr);
      expect(r.ok, expr).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/cron expression/);
    }
    const r = validateCron("0 17 * *");
    expect(r).toEqual({ ok: false, message: 'invalid cron expression "0 17 * *": expected 5 or 6 fields but got 4' });
  });

  it("reports invalid expressions in the digest plan instead of throwing", () => {
    const p = digests(at("2022-05-28", "18:00"), { daily: "0 25 * * *" });
    expect(p.errors).toEqual([{ kind: "daily", message: expect.stringContaining("0 25 * * *") }]);
    expect(p.send.map((d) => d.kind)).toEqual(["weekly"]);
  });
});

describe("previous occurrences of a cron expression", () => {
  it("finds the latest occurrence at or before a moment, in the council's time zone", () => {
    const daily = compiled("0 17 * * *");
    expect(show(previousOccurrence(daily, at("2022-05-28", "17:00"), TZ)!)).toBe("2022-05-28 17:00");
    expect(show(previousOccurrence(daily, at("2022-05-28", "16:59"), TZ)!)).toBe("2022-05-27 17:00");
    expect(show(previousOccurrence(daily, at("2023-01-01", "08:00"), TZ)!)).toBe("2022-12-31 17:00");
    const weekly = compiled("30 7 * * 1");
    expect(previousOccurrences(weekly, at("2022-06-07", "00:00"), TZ, 3).map(show)).toEqual([
      "2022-06-06 07:30",
      "2022-05-30 07:30",
      "2022-05-23 07:30",
    ]);
  });

  it("handles lists, steps, ranges, names, seconds, L and leap days", () => {
    expect(previousOccurrences(compiled("*/20 8-9 * * mon-fri"), at("2022-05-30", "08:59"), TZ, 4).map(show)).toEqual([
      "2022-05-30 08:40",
      "2022-05-30 08:20",
      "2022-05-30 08:00",
      "2022-05-27 09:40",
    ]);
    expect(show(previousOccurrence(compiled("0 9 L * *"), at("2024-03-15", "00:00"), TZ)!)).toBe("2024-02-29 09:00");
    expect(show(previousOccurrence(compiled("0 9 L * *"), at("2023-03-15", "00:00"), TZ)!)).toBe("2023-02-28 09:00");
    expect(show(previousOccurrence(compiled("0 0 29 2 *"), at("2027-01-01", "00:00"), TZ)!)).toBe("2024-02-29 00:00");
    expect(show(previousOccurrence(compiled("0 8 * * 1#1"), at("2022-06-30", "00:00"), TZ)!)).toBe("2022-06-06 08:00");
    const sec = previousOccurrence(compiled("30 0 17 * * *"), at("2022-05-28", "18:00"), TZ)!;
    expect(sec.toISOString()).toBe("2022-05-28T10:00:30.000Z");
  });

  describe("agrees with node-cron's own matcher", () => {
    const tasks: Array<{ destroy(): void | Promise<void> }> = [];
    afterAll(async () => {
      for (const t of tasks) await t.destroy();
    });

    it.each([
      "0 17 * * *",
      "30 7 * * 1",
      "*/10 7-9 * * 1-5",
      "0 8 1,15,L * *",
      "0 9 * * 5L",
      "0 9 * * 2#3",
      "0 9 15W * *",
      "0 12 L-2 * *",
      "0 6 * jan,dec sat,sun",
    ])("%s", (expr) => {
      const task = cron.createTask(expr, () => undefined, { timezone: TZ });
      tasks.push(task);
      const c = compiled(expr);
      // Every 10 minutes over the turn of the year and a leap February.
      for (const [from, days] of [
        [at("2023-12-20"), 20],
        [at("2024-02-20"), 15],
        [at("2022-05-25"), 14],
      ] as const) {
        for (let t = from.getTime(); t < from.getTime() + days * 86_400_000; t += 600_000) {
          const d = new Date(t);
          expect(cronMatches(c, d, TZ), `${expr} at ${show(d)}`).toBe(task.match(d));
        }
      }
      // And previousOccurrence lands on instants node-cron matches.
      for (const o of previousOccurrences(c, at("2024-03-05"), TZ, 10)) expect(task.match(o)).toBe(true);
    });
  });
});

describe("planDigests", () => {
  it("sends the daily digest at its exact occurrence, for the day since the previous one", () => {
    const p = digests(at("2022-05-28", "17:00"), { dispatched: new Set(["digest:daily:2022-05-27", "digest:weekly:2022-W21"]) });
    expect(p.send).toEqual([
      {
        kind: "daily",
        key: "digest:daily:2022-05-28",
        occurrence: at("2022-05-28", "17:00"),
        period: { from: at("2022-05-27", "17:00"), to: at("2022-05-28", "17:00") },
        lateByMs: 0,
      },
    ]);
    expect(p.skip).toEqual([]);
  });

  it("on a new installation reports the last week's occurrences as skipped once, unless told where to start", () => {
    const p = digests(at("2022-05-28", "17:00"), { dispatched: new Set(["digest:weekly:2022-W21"]) });
    expect(p.send.map((d) => d.key)).toEqual(["digest:daily:2022-05-28"]);
    expect(p.skip.map((s) => s.key)).toEqual([
      "digest:daily:2022-05-27",
      "digest:daily:2022-05-26",
      "digest:daily:2022-05-25",
      "digest:daily:2022-05-24",
      "digest:daily:2022-05-23",
      "digest:daily:2022-05-22",
      "digest:daily:2022-05-21",
      "digest:daily:2022-05-20",
    ]);
    const fresh = digests(at("2022-05-28", "17:00"), { since: at("2022-05-28", "10:00") });
    expect(fresh.send.map((d) => d.key)).toEqual(["digest:daily:2022-05-28"]);
    expect(fresh.skip).toEqual([]);
  });

  it("sends nothing once recorded, nor a minute before", () => {
    const dispatched = new Set(["digest:daily:2022-05-27", "digest:weekly:2022-W21"]);
    expect(digests(at("2022-05-28", "16:59"), { dispatched, since: at("2022-05-27", "00:00") }).send).toEqual([]);
    dispatched.add("digest:daily:2022-05-28");
    expect(digests(at("2022-05-28", "17:01"), { dispatched, since: at("2022-05-27", "00:00") })).toEqual({
      send: [],
      skip: [],
      errors: [],
    });
  });

  it("sends a daily digest 2 hours late", () => {
    const dispatched = new Set(["digest:daily:2022-05-27", "digest:weekly:2022-W21"]);
    const p = digests(at("2022-05-28", "19:00"), { dispatched });
    expect(p.send.map((d) => [d.key, d.lateByMs])).toEqual([["digest:daily:2022-05-28", 2 * 3_600_000]]);
    expect(p.skip).toEqual([]);
  });

  it("skips a daily digest 30 hours late and sends the current one instead", () => {
    // Down from 16:00 on 28/5 to 23:00 on 29/5: the 17:00 digest of 28/5 is 30 hours late.
    const dispatched = new Set(["digest:daily:2022-05-27", "digest:weekly:2022-W21"]);
    const p = digests(at("2022-05-29", "23:00"), { dispatched });
    expect(p.send.map((d) => d.key)).toEqual(["digest:daily:2022-05-29"]);
    expect(p.skip).toEqual([
      {
        kind: "daily",
        key: "digest:daily:2022-05-28",
        occurrence: at("2022-05-28", "17:00"),
        reason: "missed",
        detail: "not sent: 30 h late, superseded by a later daily digest",
      },
    ]);
  });

  it("skips an occurrence later than its period even when no newer one exists yet", () => {
    // Weekdays only: the Friday digest is followed by Monday's; on Monday at 16:00 Friday's is 71 h late
    // but its own period (Thursday to Friday) is 24 h.
    const p = digests(at("2022-05-30", "16:00"), {
      daily: "0 17 * * 1-5",
      weekly: null,
      dispatched: new Set(["digest:daily:2022-05-26"]), // Thursday's went out
    });
    expect(p.send).toEqual([]);
    expect(p.skip.map((s) => [s.key, s.detail])).toEqual([["digest:daily:2022-05-27", "not sent: 71 h late, more than its period (24 h)"]]);
  });

  it("keys weekly digests by ISO week, around New Year", () => {
    const cases: Array<[string, string, string]> = [
      ["2022-05-30", "07:30", "digest:weekly:2022-W22"],
      ["2021-01-04", "08:00", "digest:weekly:2021-W01"],
      ["2024-12-30", "07:30", "digest:weekly:2025-W01"],
      ["2023-01-02", "09:00", "digest:weekly:2023-W01"],
      ["2026-01-01", "09:00", "digest:weekly:2026-W01"], // Thursday: the latest Monday, 29/12/2025, starts 2026-W01
      ["2027-01-01", "09:00", "digest:weekly:2026-W53"], // Friday: 28/12/2026 is in week 53 of 2026
    ];
    for (const [date, time, key] of cases) {
      const p = digests(at(date, time), { daily: null });
      expect(
        p.send.map((d) => d.key),
        `${date} ${time}`,
      ).toEqual([key]);
      expect(p.send[0]!.period.to.getTime() - p.send[0]!.period.from.getTime()).toBe(7 * 86_400_000);
    }
    const p = digests(at("2021-01-04", "08:00"), { daily: null });
    expect(p.send[0]!.period).toEqual({ from: at("2020-12-28", "07:30"), to: at("2021-01-04", "07:30") });
    expect(p.skip.map((s) => s.key)).toEqual(["digest:weekly:2020-W53"]);
  });

  it("keys daily digests by local date across the year end", () => {
    const p = digests(at("2023-01-01", "00:30"), { weekly: null, dispatched: new Set(["digest:daily:2022-12-30"]) });
    expect(p.send.map((d) => d.key)).toEqual(["digest:daily:2022-12-31"]);
  });

  it("ignores occurrences before `since` and prefixes keys with the council when asked", () => {
    const p = digests(at("2022-05-28", "17:05"), { since: at("2022-05-28", "09:00"), councilId: 3 });
    expect(p).toEqual({
      send: [expect.objectContaining({ key: "digest:3:daily:2022-05-28" })],
      skip: [],
      errors: [],
    });
  });

  it("counts a day once even when the daily expression fires twice a day", () => {
    const dispatched = new Set(["digest:daily:2022-05-28", "digest:weekly:2022-W21"]);
    const p = digests(at("2022-05-28", "17:05"), { daily: "0 8,17 * * *", dispatched, since: at("2022-05-28") });
    expect(p.send).toEqual([]);
  });
});
