/** Vietnamese names of days off, for calendars shown to the office. */
import type { DayOffReason } from "../../domain/calendar/work-calendar.js";

export function dayOffReasonText(r: DayOffReason): string {
  switch (r) {
    case "new_year":
      return "Tết Dương lịch";
    case "tet":
      return "Tết Nguyên đán";
    case "hung_kings":
      return "Giỗ Tổ Hùng Vương (10/3 âm lịch)";
    case "reunification":
      return "Ngày Chiến thắng (30/4)";
    case "labour":
      return "Ngày Quốc tế Lao động (1/5)";
    case "national_day":
      return "Quốc khánh";
    case "compensation":
      return "nghỉ bù";
    case "office_day_off":
      return "ngày nghỉ do Văn phòng bổ sung";
    case "weekend":
      return "cuối tuần";
  }
}
