/** The scheduled jobs: the scheduler and the functions it calls with `now`. */
export { createScheduler, validateScheduleConfig, type Scheduler, type TickResult } from "./scheduler.js";
export type { JobDeps } from "./deps.js";
export { runReminderTick } from "./reminders.js";
export { runDigest } from "./digests.js";
export { runNoticeAckReminders } from "./notice-ack.js";
export { runMaintenance } from "./maintenance.js";
export { previewAt } from "./preview.js";
