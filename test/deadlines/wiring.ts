/**
 * Until the lead wires this commands and flow into the app (commands/index.ts COMMANDS, app.ts
 * FLOWS) and its CLI registrars (src/cli/main.ts REGISTRARS), the tests add them, once, by name. After the
 * wiring this does nothing.
 */
import { COMMANDS } from "../../commands/index.js";
import { FLOWS } from "../../src/app.js";
import { newTaskCommand } from "../../commands/new-task.js";
import { digestCommand } from "../../commands/digest.js";
import { newTaskFlow } from "../../src/flows/new-task.js";
import type { CommandDefinition } from "../../src/bot/commands.js";
import type { FlowDefinition } from "../../src/flows/types.js";

export function ensureTaskFeaturesWired(): void {
  const commands = COMMANDS as CommandDefinition[];
  for (const def of [newTaskCommand, digestCommand]) if (!commands.some((d) => d.name === def.name)) commands.splice(Math.max(0, commands.length - 3), 0, def);
  const flows = FLOWS as FlowDefinition<any>[];
  if (!flows.some((f) => f.name === newTaskFlow.name)) flows.push(newTaskFlow);
}
