#!/usr/bin/env node
// The real `council` CLI (as bin/council.mjs runs it) with this registrars added when the lead has
// not wired them into src/cli/main.ts yet; once wired, this is exactly bin/council.mjs.
import { register } from "tsx/esm/api";

register();
const { runCli, REGISTRARS } = await import("../../src/cli/main.ts");
const { registerTaskCommands } = await import("../../src/cli/commands/tasks.ts");
const { registerReminderCommands } = await import("../../src/cli/commands/reminders.ts");
const { registerExportCommands } = await import("../../src/cli/commands/export.ts");
for (const r of [registerTaskCommands, registerReminderCommands, registerExportCommands]) if (!REGISTRARS.includes(r)) REGISTRARS.push(r);
process.exitCode = await runCli(process.argv);
