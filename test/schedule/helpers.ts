import type { PlanTask, PlanUnit, ReminderPlan } from "../../src/domain/reminders/plan-reminders.js";
import { atLocal, localDateOf, localTimeOf } from "../../src/domain/time/vietnam-time.js";

export const TZ = "Asia/Ho_Chi_Minh";

/** A local date and time in Vietnam as an instant. */
export const at = (date: string, time = "00:00"): Date => atLocal(date, time, TZ);

/** "2022-05-31 08:00" in Vietnam time. */
export const show = (instant: Date): string => `${localDateOf(instant, TZ)} ${localTimeOf(instant, TZ)}`;

export const COMMUNES = [
  "xã Phổ An",
  "xã Phổ Châu",
  "xã Phổ Cường",
  "xã Phổ Khánh",
  "xã Phổ Nhơn",
  "xã Phổ Phong",
  "xã Phổ Thuận",
  "phường Nguyễn Nghiêm",
  "phường Phổ Hòa",
  "phường Phổ Minh",
  "phường Phổ Ninh",
  "phường Phổ Quang",
  "phường Phổ Thạnh",
  "phường Phổ Văn",
  "phường Phổ Vinh",
];

export function units(count: number, submitted: Record<number, Date> = {}): PlanUnit[] {
  return Array.from({ length: count }, (_, i) => ({
    unitId: i + 1,
    unitCode: `U${String(i + 1).padStart(2, "0")}`,
    unitName: COMMUNES[i % COMMUNES.length]!,
    submittedAt: submitted[i + 1] ?? null,
  }));
}

export function task(over: Partial<PlanTask> = {}): PlanTask {
  return {
    id: 1,
    title: "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
    dueAt: at("2022-05-31", "17:00"),
    createdAt: at("2022-05-20", "09:00"),
    status: "open",
    schedule: null,
    units: units(2),
    ...over,
  };
}

/** Short, comparable lines: "reminder 1:2 before-3 @2022-05-28 08:00 (3)", "escalation 1 [14,15]". */
export function describeSend(plan: ReminderPlan): string[] {
  return plan.send.map((d) =>
    d.kind === "reminder"
      ? `reminder ${d.taskId}:${d.unitId} ${d.point} @${show(d.plannedFor)} (${d.daysLeft})`
      : `escalation ${d.taskId} @${show(d.plannedFor)} [${d.missingUnitIds.join(",")}]`,
  );
}

export function describeSkip(plan: ReminderPlan): string[] {
  return plan.skip.map((s) => `${s.key} ${s.reason}`);
}
