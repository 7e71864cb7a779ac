/**
 * The fast entry of `council` (bin/council.mjs): loads only the command group the command line names
 * (`council status` does not load exceljs, docx, pdf.js or zca-js), and everything for `--help` or a name
 * it does not know. The table must list every top-level command of src/cli/commands/ (a test checks it).
 */
import type { CommandRegistrar } from "./run.js";
import { runWith } from "./run.js";

export const COMMAND_GROUPS: Record<string, () => Promise<CommandRegistrar>> = {
  db: async () => (await import("./commands/db.js")).registerDbCommands,
  init: async () => (await import("./commands/db.js")).registerDbCommands,
  seed: async () => (await import("./commands/db.js")).registerDbCommands,
  units: async () => (await import("./commands/directory.js")).registerDirectoryCommands,
  members: async () => (await import("./commands/directory.js")).registerDirectoryCommands,
  status: async () => (await import("./commands/directory.js")).registerDirectoryCommands,
  invite: async () => (await import("./commands/invites.js")).registerInviteCommands,
  group: async () => (await import("./commands/groups.js")).registerGroupCommands,
  notice: async () => (await import("./commands/notices.js")).registerNoticeCommands,
  task: async () => (await import("./commands/tasks.js")).registerTaskCommands,
  reminders: async () => (await import("./commands/reminders.js")).registerReminderCommands,
  digest: async () => (await import("./commands/reminders.js")).registerReminderCommands,
  holidays: async () => (await import("./commands/holidays.js")).registerHolidayCommands,
  export: async () => (await import("./commands/export.js")).registerExportCommands,
  web: async () => (await import("./commands/web.js")).registerWebCommands,
  zalo: async () => (await import("./commands/zalo.js")).registerZaloCommands,
};

export async function runCliLazily(argv: string[]): Promise<number> {
  const name = argv[2];
  const load = name !== undefined ? COMMAND_GROUPS[name] : undefined;
  if (load) return runWith([await load()], argv);
  const { runCli } = await import("./main.js");
  return runCli(argv);
}
