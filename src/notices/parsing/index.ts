/** Public API of the notice parser. */
export { parseNotice, DEFAULT_TIMEZONE } from "./parse-notice.js";
export { formatParsedNoticeVietnamese, parsedNoticeToJson } from "./format.js";
export type { AssigneeScope, DueRule, ParseNoticeOptions, ParsedNotice, ParsedTask } from "./types.js";
export { addWorkingDays, isPublicHoliday, isWorkingDay, holidaysOfYear } from "./holidays.js";
export { parseVietnameseNumberWords, parseRoman } from "./numbers.js";
