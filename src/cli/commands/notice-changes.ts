/** `council notice correct` and `council notice recall`: the CLI side of /dinhchinh and /thuhoi (core/notices/changes.ts). */
import type { Command } from "commander";
import { CliError, type CliContext } from "../context.js";
import { correctNoticeNow, recallNoticeNow, type CorrectResult, type RecallResult } from "../../core/notices/changes.js";
import { cleanText } from "../../text/fold.js";

const problem = (id: string, reason: Exclude<CorrectResult, { ok: true }>["reason"] | Exclude<RecallResult, { ok: true }>["reason"]) =>
  ({
    not_found: `No notice #${id}. See \`council notice list\`.`,
    recalled: `Notice #${id} was recalled already.`,
    no_groups: `Notice #${id} has reached no group yet: there is nothing to correct.`,
    empty: "Give --title and/or --text.",
    too_long: "--title is limited to 300 characters, --text to 3000.",
    no_reason: "--reason is required.",
  })[reason];

export function registerNoticeChangeCommands(notice: Command, ctx: () => CliContext): void {
  notice
    .command("correct <id>")
    .description("Send a correction (đính chính) as a reply to the notice in each group; the original is edited where the platform allows")
    .option("--title <title>", "the corrected title")
    .option("--text <text>", "the corrected passage")
    .option("--reason <reason>", "why (recorded and shown)")
    .action(async (id: string, opts: { title?: string; text?: string; reason?: string }) => {
      const c = ctx();
      const council = await c.council();
      if (!Number.isInteger(Number(id))) throw new CliError(problem(id, "not_found"));
      const r = await correctNoticeNow(await c.db(), {
        noticeId: Number(id),
        councilId: council.id,
        newTitle: opts.title !== undefined ? cleanText(opts.title) : null,
        text: opts.text ?? null,
        reason: opts.reason ?? null,
        by: { memberId: null, label: "cli" },
        now: c.clock.now(),
        timezone: council.timezone,
      });
      if (!r.ok) throw new CliError(problem(id, r.reason));
      c.out(`Correction ${r.seq} of notice #${id} queued for ${r.groups} group(s); the running service delivers it.`);
    });

  notice
    .command("recall <id>")
    .description("Recall (thu hồi) a notice: delete or mark its messages, unpin, tell each group, stop its reminders")
    .requiredOption("--reason <reason>", "why (recorded and told to each group)")
    .action(async (id: string, opts: { reason: string }) => {
      const c = ctx();
      const council = await c.council();
      if (!Number.isInteger(Number(id))) throw new CliError(problem(id, "not_found"));
      const r = await recallNoticeNow(await c.db(), {
        noticeId: Number(id),
        councilId: council.id,
        reason: opts.reason,
        by: { memberId: null, label: "cli" },
        now: c.clock.now(),
        timezone: council.timezone,
      });
      if (!r.ok) throw new CliError(problem(id, r.reason));
      c.out(`Notice #${id} recalled: ${r.groups} group(s) told, messages deleted in ${r.deleted}; its reminders stopped.`);
    });
}
