/**
 * The office's adjustments to the working calendar: days off the government or the province adds (nghỉ bù,
 * hoán đổi) and Saturdays worked in exchange (làm bù). Stored in the council's settings (`workCalendar`),
 * read by reminders, digests and working-day deadlines. The raw settings JSON is read as-is so adjusting the
 * calendar never loses another setting.
 */
import type { Database } from "../db/client.js";
import { audit } from "../db/audit.js";
import { findCouncilById, saveCouncilSettings } from "../db/councils.js";
import { parseCalendarAdjustments, type CalendarAdjustments } from "../domain/calendar/work-calendar.js";
import { isLocalDate } from "../domain/time/vietnam-time.js";

export type CalendarChange = { kind: "day_off" | "working_day"; date: string; note?: string | null } | { kind: "remove"; date: string };

export type CalendarChangeResult =
  | { ok: true; adjustments: CalendarAdjustments; changed: boolean }
  | { ok: false; reason: "bad-date" | "note-too-long" | "not-found" };

function rawSettings(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function changeWorkCalendar(
  db: Database,
  input: { councilId: number; change: CalendarChange; actor: { memberId: number | null; label: string } },
): Promise<CalendarChangeResult> {
  const { change } = input;
  if (!isLocalDate(change.date)) return { ok: false, reason: "bad-date" };
  if (change.kind !== "remove" && (change.note ?? "").length > 200) return { ok: false, reason: "note-too-long" };
  return db.transaction(async (tx) => {
    const council = await findCouncilById(tx, input.councilId);
    if (!council) return { ok: false, reason: "not-found" } as const;
    const settings = rawSettings(council.settingsJson);
    const current = parseCalendarAdjustments(settings.workCalendar).adjustments;
    const without = {
      daysOff: current.daysOff.filter((d) => d.date !== change.date),
      workingDays: current.workingDays.filter((d) => d.date !== change.date),
    };
    const changed =
      change.kind === "remove"
        ? without.daysOff.length + without.workingDays.length !== current.daysOff.length + current.workingDays.length
        : true;
    const entry = change.kind === "remove" ? null : { date: change.date, ...(change.note?.trim() ? { note: change.note.trim() } : {}) };
    const next: CalendarAdjustments = {
      daysOff: [...without.daysOff, ...(change.kind === "day_off" && entry ? [entry] : [])].sort((a, b) => a.date.localeCompare(b.date)),
      workingDays: [...without.workingDays, ...(change.kind === "working_day" && entry ? [entry] : [])].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    };
    await saveCouncilSettings(tx, council.id, JSON.stringify({ ...settings, workCalendar: next }));
    await audit(tx, {
      councilId: council.id,
      actorId: input.actor.memberId,
      actorLabel: input.actor.label,
      action: "calendar.change",
      entityType: "council",
      entityId: council.id,
      detail: change,
    });
    return { ok: true, adjustments: next, changed } as const;
  });
}
