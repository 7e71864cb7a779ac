import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_POLICY, isAllowed, nextAllowed, quietPolicySchema, type QuietPolicy } from "../../src/domain/time/quiet-hours.js";
import { atLocal, localDateOf, localTimeOf } from "../../src/domain/time/vietnam-time.js";

const TZ = "Asia/Ho_Chi_Minh";
const at = (d: string, t: string) => atLocal(d, t, TZ);
const show = (x: Date) => `${localDateOf(x, TZ)} ${localTimeOf(x, TZ)}`;

describe("quiet hours 21:00-07:00 (crossing midnight)", () => {
  const p = DEFAULT_QUIET_POLICY;

  it("allows the working day and holds back the night", () => {
    expect(isAllowed(at("2022-05-31", "07:00"), p, TZ)).toBe(true);
    expect(isAllowed(at("2022-05-31", "20:59"), p, TZ)).toBe(true);
    expect(isAllowed(at("2022-05-31", "21:00"), p, TZ)).toBe(false);
    expect(isAllowed(at("2022-05-31", "23:59"), p, TZ)).toBe(false);
    expect(isAllowed(at("2022-06-01", "00:00"), p, TZ)).toBe(false);
    expect(isAllowed(at("2022-06-01", "06:59"), p, TZ)).toBe(false);
    // default: weekends are not quiet
    expect(isAllowed(at("2022-06-05", "10:00"), p, TZ)).toBe(true);
  });

  it("moves to 07:00 the next morning, across month and year ends", () => {
    expect(show(nextAllowed(at("2022-05-31", "22:30"), p, TZ))).toBe("2022-06-01 07:00");
    expect(show(nextAllowed(at("2022-12-31", "21:00"), p, TZ))).toBe("2023-01-01 07:00");
    expect(show(nextAllowed(at("2024-02-28", "23:00"), p, TZ))).toBe("2024-02-29 07:00");
    expect(show(nextAllowed(at("2023-02-28", "23:00"), p, TZ))).toBe("2023-03-01 07:00");
    expect(show(nextAllowed(at("2022-06-01", "03:00"), p, TZ))).toBe("2022-06-01 07:00");
  });

  it("returns the same instant when allowed", () => {
    const t = at("2022-05-31", "10:17");
    expect(nextAllowed(t, p, TZ)).toEqual(t);
  });
});

describe("other daily periods", () => {
  it("handles a period within one day (lunch break)", () => {
    const p: QuietPolicy = { hours: { start: "11:30", end: "13:30" }, weekends: "none" };
    expect(isAllowed(at("2022-05-31", "11:29"), p, TZ)).toBe(true);
    expect(isAllowed(at("2022-05-31", "12:00"), p, TZ)).toBe(false);
    expect(isAllowed(at("2022-05-31", "22:00"), p, TZ)).toBe(true);
    expect(show(nextAllowed(at("2022-05-31", "12:00"), p, TZ))).toBe("2022-05-31 13:30");
  });

  it("treats start = end and null as no quiet hours", () => {
    expect(isAllowed(at("2022-05-31", "03:00"), { hours: { start: "07:00", end: "07:00" }, weekends: "none" }, TZ)).toBe(true);
    expect(isAllowed(at("2022-05-31", "03:00"), { hours: null, weekends: "none" }, TZ)).toBe(true);
  });
});

describe("quiet weekends", () => {
  it("sunday: all of Sunday is quiet, Saturday is a working day", () => {
    const p: QuietPolicy = { ...DEFAULT_QUIET_POLICY, weekends: "sunday" };
    expect(isAllowed(at("2022-06-04", "15:00"), p, TZ)).toBe(true); // Saturday
    expect(isAllowed(at("2022-06-05", "10:00"), p, TZ)).toBe(false); // Sunday
    expect(show(nextAllowed(at("2022-06-04", "21:30"), p, TZ))).toBe("2022-06-06 07:00");
    expect(show(nextAllowed(at("2022-06-05", "08:00"), p, TZ))).toBe("2022-06-06 07:00");
  });

  it("weekend: Saturday and Sunday are quiet; Friday night goes to Monday morning", () => {
    const p: QuietPolicy = { ...DEFAULT_QUIET_POLICY, weekends: "weekend" };
    expect(isAllowed(at("2022-06-04", "09:00"), p, TZ)).toBe(false);
    expect(show(nextAllowed(at("2022-06-03", "22:00"), p, TZ))).toBe("2022-06-06 07:00");
    // New Year's Eve 2022 is a Saturday.
    expect(show(nextAllowed(at("2022-12-31", "08:00"), p, TZ))).toBe("2023-01-02 07:00");
  });

  it("weekend with Saturday mornings: allowed 07:00-12:00 on Saturday", () => {
    const p: QuietPolicy = { ...DEFAULT_QUIET_POLICY, weekends: "weekend", saturdayMorningOnly: true };
    expect(isAllowed(at("2022-06-04", "06:59"), p, TZ)).toBe(false);
    expect(isAllowed(at("2022-06-04", "07:00"), p, TZ)).toBe(true);
    expect(isAllowed(at("2022-06-04", "11:59"), p, TZ)).toBe(true);
    expect(isAllowed(at("2022-06-04", "12:00"), p, TZ)).toBe(false);
    expect(show(nextAllowed(at("2022-06-03", "21:00"), p, TZ))).toBe("2022-06-04 07:00");
    expect(show(nextAllowed(at("2022-06-04", "12:00"), p, TZ))).toBe("2022-06-06 07:00");
  });
});

describe("quiet policy settings", () => {
  it("fills defaults and refuses nonsense with English messages", () => {
    expect(quietPolicySchema.parse({})).toEqual({
      hours: { start: "21:00", end: "07:00" },
      weekends: "none",
      saturdayMorningOnly: false,
      saturdayUntil: "12:00",
    });
    expect(quietPolicySchema.parse({ hours: null, weekends: "sunday" }).hours).toBeNull();
    const bad = quietPolicySchema.safeParse({ hours: { start: "9pm", end: "07:00" }, weekends: "saturday" });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages).toContain("must be a time HH:mm (24-hour), e.g. 21:00");
    expect(messages).toContain('weekends must be "none", "sunday" or "weekend"');
  });
});
