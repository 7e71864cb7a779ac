/** Per-council settings stored as JSON on the council row, validated on read and write. */
import { z } from "zod";

export const DEFAULT_ISSUE_CATEGORIES = [
  "Bồi thường, giải phóng mặt bằng",
  "Dự án cao tốc Bắc - Nam",
  "An ninh, trật tự",
  "Môi trường",
  "Ý kiến, kiến nghị cử tri",
  "Khác",
] as const;

export const councilSettingsSchema = z
  .object({
    issueCategories: z.array(z.string().min(1).max(100)).min(1).max(30).optional(),
    reminderSchedule: z
      .object({
        daysBefore: z.array(z.number().int().min(1).max(60)).max(10).optional(),
        dueDayMorning: z.boolean().optional(),
        timeOfDay: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
          .optional(),
        overdueDailyFor: z.number().int().min(0).max(30).optional(),
        escalate: z.boolean().optional(),
      })
      .optional(),
    /** The office's days off and working Saturdays (validated on its own by calendarAdjustmentsSchema, so a bad
     * entry there never loses the other settings). */
    workCalendar: z.unknown().optional(),
  })
  .strict();

export type CouncilSettings = z.infer<typeof councilSettingsSchema>;

export function parseCouncilSettings(json: string): CouncilSettings {
  const parsed = councilSettingsSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : {};
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
