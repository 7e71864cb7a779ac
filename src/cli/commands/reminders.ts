/**
 * `council reminders preview [--at ...]`: what would go out at a moment, without sending or recording
 * anything. `council digest [--send] [--json]`: the standing committee's digest now, printed or queued.
 */
import { DateTime } from "luxon";
import type { CommandRegistrar } from "../main.js";
import { CliError } from "../context.js";
import { previewAt, type PreviewResult } from "../../jobs/preview.js";
import { validateScheduleConfig } from "../../jobs/scheduler.js";
import { onDemandDigestKey } from "../../jobs/digests.js";
import { commitDispatch, messageKey, type PlannedMessage } from "../../jobs/dispatch.js";
import { standingRecipients } from "../../core/recipients.js";
import { onDemandDigest } from "../../core/tasks/digest.js";
import { htmlToPlainText } from "../../text/html.js";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { digestDocxBytes, digestDocxMessage, digestTableBytes, digestTableMessage } from "../../core/tasks/digest-file.js";
import { localStamp } from "./tasks.js";
import { atLocal, parseUserDate, parseUserTime } from "../../domain/time/vietnam-time.js";

/**
 * Reads "2022-05-28T08:00" (or with a space, or a date alone) in the council's time zone, an explicit offset
 * winning; or a date as the other commands take it ("28/5/2022", "28/5/2022 08:00", "28/5/2022 8h").
 */
export function parseAt(text: string, tz: string, now: Date): Date {
  const dt = DateTime.fromISO(text.trim().replace(" ", "T"), { zone: tz });
  if (dt.isValid) return dt.toJSDate();
  const m = /^(\S+)(?:\s+(.+))?$/.exec(text.trim());
  const date = m ? parseUserDate(m[1]!, { defaultYear: DateTime.fromJSDate(now, { zone: tz }).year }) : null;
  const time = m?.[2] !== undefined ? parseUserTime(m[2]) : null;
  if (date?.ok && (time === null || time.ok)) return atLocal(date.value, time?.ok ? time.value : "00:00", tz);
  throw new CliError(`--at "${text}" is not a date-time; use e.g. 2022-05-28T08:00 or "28/5/2022 08:00" (read in ${tz}).`);
}

function printPreview(p: PreviewResult, tz: string, out: (l: string) => void): void {
  const at = (iso: string) => localStamp(new Date(iso), tz);
  out(`Preview at ${at(p.at)} (${tz}): nothing is sent or recorded.`);
  if (p.quiet) out(`Quiet hours: nothing goes out now; the next allowed time is ${at(p.nextAllowed!)}.`);
  out(`Reminders: ${p.reminders.length}`);
  for (const r of p.reminders) {
    const groups = r.recipients.filter((x) => x.kind === "group").length;
    const privates = r.recipients.filter((x) => x.kind === "private").length;
    out(
      `  task #${r.taskId} "${r.task}" -> ${r.unit} (${r.unitName}), ${r.point}, ${r.daysLeft >= 0 ? `${r.daysLeft} day(s) left` : `${-r.daysLeft} day(s) overdue`}: ${groups} group(s), ${privates} private chat(s)${groups + privates === 0 ? " (nobody to remind!)" : ""}`,
    );
  }
  out(`Escalations: ${p.escalations.length}`);
  for (const e of p.escalations)
    out(
      `  task #${e.taskId} "${e.task}": ${e.missingUnits.length} unit(s) missing (${e.missingUnits.join(", ")}) -> ${e.recipients.length} standing group(s)`,
    );
  out(`Digests: ${p.digests.length}`);
  for (const d of p.digests)
    out(`  ${d.kind} (${d.key}), period ${at(d.periodFrom)} - ${at(d.periodTo)} -> ${d.recipients.length} standing group(s)`);
  out(`Notice acknowledgement reminders: ${p.noticeAckReminders.length}`);
  for (const n of p.noticeAckReminders) out(`  notice #${n.noticeId} "${n.notice}" -> ${n.unit}`);
  if (p.skipped.length > 0) {
    out(`Would be recorded as skipped: ${p.skipped.length}`);
    for (const s of p.skipped) out(`  ${s.key}: ${s.detail}`);
  }
  for (const w of p.warnings) out(`Warning: ${w}`);
}

export const registerReminderCommands: CommandRegistrar = (program, ctx) => {
  const reminders = program.command("reminders").description("Reminders and digests the scheduler sends");
  reminders
    .command("preview")
    .description("Show the reminders and digests that would go out at a moment, without sending or recording anything")
    .option("--at <date-time>", "the moment, e.g. 2022-05-28T08:00, read in the council's time zone (default: now)")
    .option("--json", "print JSON")
    .action(async (opts: { at?: string; json?: boolean }) => {
      const c = ctx();
      validateScheduleConfig(c.config);
      const at = opts.at !== undefined ? parseAt(opts.at, c.config.timezone, c.clock.now()) : c.clock.now();
      await c.council(); // a clear line when there is no council yet
      const result = await previewAt({ db: await c.db(), config: c.config }, at);
      if (opts.json) c.out(JSON.stringify(result, null, 2));
      else printPreview(result, c.config.timezone, c.out);
    });

  program
    .command("digest")
    .description("The standing committee's digest now: print it, or queue it for the standing committee's groups")
    .option("--send", "queue it for every registered standing committee group (the running service sends it)")
    .option("--json", "print JSON")
    .option(
      "--format <format>",
      "text (default), json, docx: an official Word report (quốc hiệu, Số: .../BC-HĐND, tables, signature block), or xlsx: the full table of every unit and open task",
    )
    .option(
      "--out <file>",
      "with --format docx or xlsx: where to write it (default bao-cao-tong-hop-YYYY-MM-DD.docx / bang-tong-hop-YYYY-MM-DD.xlsx here)",
    )
    .action(async (opts: { send?: boolean; json?: boolean; format?: string; out?: string }) => {
      const c = ctx();
      const tz = c.config.timezone;
      const format = (opts.format ?? (opts.json ? "json" : "text")).trim().toLowerCase();
      if (!["text", "json", "docx", "xlsx"].includes(format))
        throw new CliError(`--format "${opts.format}" is not text, json, docx or xlsx.`);
      if (opts.out !== undefined && format !== "docx" && format !== "xlsx") throw new CliError("--out goes with --format docx or xlsx.");
      const council = await c.council();
      const db = await c.db();
      const now = c.clock.now();
      const { content, messages } = await onDemandDigest(db.prisma, council.id, now, tz, c.config.schedule.digestMaxUnits);
      if (format === "xlsx") {
        const { bytes, fileName } = await digestTableBytes(db.prisma, council.id, content);
        const target = path.resolve(opts.out ?? fileName);
        await writeFile(target, bytes);
        c.out(`Wrote the table of every unit and open task: ${target} (${bytes.length} bytes).`);
        return;
      }
      if (format === "docx") {
        const { bytes, fileName } = await digestDocxBytes(db.prisma, council.id, content);
        const target = path.resolve(opts.out ?? fileName);
        await writeFile(target, bytes);
        c.out(`Wrote the digest as an official report: ${target} (${bytes.length} bytes). Number it, sign it and file it.`);
        if (!opts.send) return;
        const groups = await standingRecipients(db, council.id);
        if (groups.length === 0) throw new CliError("No standing committee group is registered; the file was written but not queued.");
        const key = `${onDemandDigestKey(council.id, now, tz)}:docx`;
        const file = await digestDocxMessage(db.prisma, council.id, content, c.config.dataDir);
        const outcome = await commitDispatch(
          db,
          { key, kind: "digest", councilId: council.id, plannedFor: now, outcome: "sent", detail: "on demand (cli), docx", createdAt: now },
          groups.map((g) => ({ key: messageKey(key, g.chatId!), chatId: g.chatId!, message: file })),
        );
        c.out(
          outcome === "duplicate"
            ? "The document was already queued this minute."
            : `Queued the document for ${groups.length} standing committee group(s).`,
        );
        return;
      }
      if (!opts.send) {
        if (format === "json") c.out(JSON.stringify(content, null, 2));
        else {
          c.out(messages.map((m) => htmlToPlainText(m)).join("\n\n"));
          if (content.summary) c.out("\n(The table of every unit: `council digest --format xlsx`; `--send` attaches it.)");
        }
        return;
      }
      const groups = await standingRecipients(db, council.id);
      if (groups.length === 0)
        throw new CliError(
          "No standing committee group is registered; register one with `council group add --purpose standing ...` (or /dangky in the group).",
        );
      const key = onDemandDigestKey(council.id, now, tz);
      const planned: PlannedMessage[] = [];
      // A summarised digest (more units than DIGEST_MAX_UNITS) goes with the full table as a spreadsheet.
      const table = content.summary ? await digestTableMessage(db.prisma, council.id, content, c.config.dataDir) : null;
      for (const g of groups) {
        messages.forEach((text, i) => {
          planned.push({ key: messageKey(key, g.chatId!, i), chatId: g.chatId!, message: { kind: "text", text } });
        });
        if (table) planned.push({ key: `${messageKey(key, g.chatId!)}:xlsx`, chatId: g.chatId!, message: table });
      }
      const outcome = await commitDispatch(
        db,
        {
          key,
          kind: "digest",
          councilId: council.id,
          plannedFor: now,
          outcome: "sent",
          detail: `on demand (cli), ${messages.length} part(s)`,
          createdAt: now,
        },
        planned,
      );
      if (opts.json) {
        c.out(JSON.stringify({ key, queued: outcome === "recorded", groups: groups.length, parts: messages.length }, null, 2));
        return;
      }
      if (outcome === "duplicate") c.out(`The digest was already queued this minute (${key}); nothing more was queued.`);
      else
        c.out(
          `Queued the digest (${messages.length} message(s)) for ${groups.length} standing committee group(s); the running service sends it. Key: ${key}`,
        );
    });
};
