/**
 * `council`: the operator CLI (commander). Each command group lives in src/cli/commands/.
 * Expected problems print one line and exit 1; nothing prints a stack trace.
 */
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { buildProgramWith, runWith, type CommandRegistrar } from "./run.js";
import { registerDbCommands } from "./commands/db.js";
import { registerDirectoryCommands } from "./commands/directory.js";
import { registerGroupCommands } from "./commands/groups.js";
import { registerInviteCommands } from "./commands/invites.js";
import { registerNoticeCommands } from "./commands/notices.js";
import { registerZaloCommands } from "./commands/zalo.js";
import { registerTaskCommands } from "./commands/tasks.js";
import { registerReminderCommands } from "./commands/reminders.js";
import { registerExportCommands } from "./commands/export.js";
import { registerHolidayCommands } from "./commands/holidays.js";
import { registerWebCommands } from "./commands/web.js";

export type { CommandRegistrar } from "./run.js";

export const REGISTRARS: CommandRegistrar[] = [
  registerDbCommands,
  registerDirectoryCommands,
  registerInviteCommands,
  registerGroupCommands,
  registerNoticeCommands,
  registerTaskCommands,
  registerReminderCommands,
  registerHolidayCommands,
  registerExportCommands,
  registerWebCommands,
  registerZaloCommands,
];

export function buildProgram(getCtx: () => CliContext): Command {
  return buildProgramWith(REGISTRARS, getCtx);
}

export function runCli(
  argv: string[],
  /** the environment to configure from; config.ts reads the process's own when not given */
  env?: NodeJS.ProcessEnv,
  out?: (line: string) => void,
  err?: (line: string) => void,
): Promise<number> {
  return runWith(REGISTRARS, argv, env, out, err);
}
