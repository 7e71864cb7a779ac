import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { addGroup, importGroups } from "../../core/directory/groups.js";
import { listRegisteredGroups } from "../../db/chats.js";
import { readInputFile, reportImport } from "./directory.js";
import { knownPlatforms } from "../../messaging/platform.js";

export const registerGroupCommands: CommandRegistrar = (program, ctx) => {
  const group = program.command("group").description("Chat groups the bot posts to");
  group
    .command("add")
    .description("Register a chat group (the same as /dangky in the group)")
    .requiredOption(
      "--platform <platform>",
      `one of: ${knownPlatforms()
        .map((p) => p.name)
        .join(", ")}`,
    )
    .requiredOption("--chat-id <id>", "the group's id (Telegram: a negative number)")
    .requiredOption(
      "--purpose <purpose>",
      "unit (a unit's group), announce (all units), standing (the standing committee), committee, office (copies of reports and issues)",
    )
    .option("--unit <code>", "the unit, for purpose unit or committee")
    .option("--title <title>", "a name to show in lists")
    .action(async (opts: { platform: string; chatId: string; purpose: string; unit?: string; title?: string }) => {
      const c = ctx();
      const council = await c.council();
      const result = await addGroup(
        await c.db(),
        council.id,
        { platform: opts.platform, chatId: opts.chatId, purpose: opts.purpose, unitCode: opts.unit ?? null, title: opts.title ?? null },
        "cli",
        c.clock.now(),
        { timezone: c.config.timezone, operatorChat: c.config.operatorChat },
      );
      if (!result.ok) throw new CliError(`Group not registered: ${result.problems.join("; ")}.`);
      c.out(
        `${result.updated ? "Updated" : "Registered"} group ${opts.chatId} (${opts.platform}) as ${opts.purpose}${opts.unit ? ` for ${opts.unit.toUpperCase()}` : ""}.`,
      );
    });
  group
    .command("import <file>")
    .description("Register many groups from a CSV file (columns: platform, chat_id, purpose, unit, title)")
    .action(async (file: string) => {
      const c = ctx();
      const council = await c.council();
      reportImport(
        "groups",
        file,
        await importGroups(await c.db(), council.id, await readInputFile(file), "cli", c.clock.now(), {
          announce: { timezone: c.config.timezone, operatorChat: c.config.operatorChat },
        }),
        c.out,
      );
    });
  group
    .command("list")
    .description("List the registered groups")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const rows = await listRegisteredGroups((await c.db()).prisma, council.id);
      const view = rows.map((g) => ({
        platform: g.platform,
        chatId: g.externalId,
        purpose: g.purpose,
        unit: g.unit?.code ?? null,
        title: g.title,
        active: g.active,
        inactiveReason: g.inactiveReason,
      }));
      if (opts.json) {
        c.out(JSON.stringify(view, null, 2));
        return;
      }
      c.out(
        formatTable(
          ["PLATFORM", "CHAT ID", "PURPOSE", "UNIT", "TITLE", "STATE"],
          view.map((g) => [g.platform, g.chatId, g.purpose, g.unit, g.title, g.active ? "active" : `inactive: ${g.inactiveReason ?? ""}`]),
        ),
      );
      c.out(`${rows.length} group(s)`);
    });
};
