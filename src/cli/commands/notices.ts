import path from "node:path";
import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable } from "../context.js";
import { readInputFile } from "./directory.js";
import { draftFromFile, fallbackTitle } from "../../core/notices/draft.js";
import { publishNotice } from "../../core/notices/publish.js";
import { noticeStatus } from "../../core/notices/status.js";
import { renderNoticeStatus } from "../../core/notices/render-status.js";
import type { Audience } from "../../core/notices/targets.js";
import { listNotices, findNotice } from "../../db/notices.js";
import { findUnitByCode, listUnits } from "../../db/units.js";
import { proposeTasks } from "../../core/notices/proposed-tasks.js";
import { createReportTask } from "../../core/tasks/create-task.js";
import { quietPolicyOf } from "../../core/tasks/settings.js";
import { tasks as taskTexts } from "../../i18n/vi/tasks.js";
import { htmlToPlainText } from "../../text/html.js";
import { normalizeCode } from "../../domain/vocabulary.js";
import { cleanText } from "../../text/fold.js";
import { extractDocumentText } from "../../documents/extract-text.js";
import { parseNotice } from "../../notices/parsing/parse-notice.js";
import { registerNoticeChangeCommands } from "./notice-changes.js";
import { formatParsedNoticeVietnamese } from "../../notices/parsing/format.js";
import { clip, clipAfter } from "../../text/graphemes.js";

export const registerNoticeCommands: CommandRegistrar = (program, ctx) => {
  const notice = program.command("notice").description("Notices (thông báo): publish, list, status, parse");

  notice
    .command("publish <file>")
    .description("Publish a notice (.txt, .md, .docx, .pdf) to the council's groups; the running service delivers it")
    .requiredOption("--to <audience>", "all (every unit's group and the announcement groups), standing, or unit codes: PHO_AN,PHO_CHAU")
    .option("--title <title>", "the title (default: read from the document)")
    .option("--pin", "pin it in the groups (a group note on Zalo)")
    .option("--create-tasks", "create a reporting task (with reminders) for every deadline found whose date and units are clear")
    .action(async (file: string, opts: { to: string; title?: string; pin?: boolean; createTasks?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const db = await c.db();
      const bytes = await readInputFile(file);
      const result = await draftFromFile({
        bytes,
        fileName: path.basename(file),
        dataDir: c.config.dataDir,
        timezone: c.config.timezone,
        referenceDate: c.clock.now().toISOString(),
      });
      if (!result.ok) throw new CliError(`${file}: ${result.message}`);
      let audience: Audience;
      const to = opts.to.trim().toLowerCase();
      if (to === "all") audience = { kind: "all" };
      else if (to === "standing") audience = { kind: "standing" };
      else {
        const codes = opts.to.split(",").map(normalizeCode).filter(Boolean);
        const unitIds: number[] = [];
        for (const code of codes) {
          const unit = await findUnitByCode(db.prisma, council.id, code);
          if (!unit) throw new CliError(`Unknown unit code "${code}". See \`council units list\`.`);
          unitIds.push(unit.id);
        }
        if (unitIds.length === 0) throw new CliError("--to needs all, standing, or unit codes separated by commas.");
        audience = { kind: "units", unitIds };
      }
      const title = opts.title ? cleanText(opts.title) : (result.draft.title ?? fallbackTitle(result.draft.body));
      if (title.length > 300) throw new CliError("--title is longer than 300 characters.");
      const published = await db.transaction((tx) =>
        publishNotice(tx, {
          councilId: council.id,
          draft: result.draft,
          title,
          audience,
          pin: Boolean(opts.pin),
          authorMemberId: null,
          authorLabel: "cli",
          reportChatId: null,
          now: c.clock.now(),
        }),
      );
      if (!published.ok)
        throw new CliError("No registered group for this audience: register groups first (`council group add`, or /dangky in the group).");
      c.out(
        `Published notice #${published.noticeId} "${title}" to ${published.targets} group(s)${published.inactive > 0 ? ` (${published.inactive} inactive, not sent)` : ""}.`,
      );
      c.out(`The running service delivers it; follow with: council notice status ${published.noticeId}`);
      const proposals = proposeTasks(result.draft.parsed, await listUnits(db.prisma, council.id, { activeOnly: true }));
      if (proposals.length === 0) return;
      c.out(`\nFound ${proposals.length} reporting requirement(s) with a deadline:`);
      for (const [i, p] of proposals.entries()) {
        const units = p.allUnits ? "all units" : p.unitIds.length > 0 ? `${p.unitIds.length} unit(s)` : "units unclear";
        c.out(`  ${i + 1}. due ${p.due ?? "not a single date"} (${p.dueRule}; ${units}): ${clipAfter(p.quote, 160)}`);
        if (!opts.createTasks) continue;
        if (!p.due || p.unitIds.length === 0) {
          c.out(
            `     not created: ${!p.due ? "no single due date" : "the units are unclear"}; use \`council task create --notice ${published.noticeId}\``,
          );
          continue;
        }
        const created = await createReportTask(
          db,
          {
            councilId: council.id,
            title: p.title,
            dueDate: p.due,
            dueTime: p.dueTime,
            units: { ids: p.unitIds },
            noticeId: published.noticeId,
          },
          { memberId: null, label: "cli" },
          { now: c.clock.now(), timezone: c.config.timezone, quiet: quietPolicyOf(c.config, council) },
        );
        c.out(
          created.ok
            ? `     created task #${created.value.task.id} due ${created.value.task.dueAt.toISOString()}`
            : `     not created: ${created.errors.map((e) => htmlToPlainText(taskTexts.error(e))).join("; ")}`,
        );
      }
      if (!opts.createTasks)
        c.out(
          `Create them with --create-tasks, or one by one with \`council task create --notice ${published.noticeId}\` (in chat, /thongbao asks for each).`,
        );
    });

  notice
    .command("list")
    .description("List published notices")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const rows = await listNotices((await c.db()).prisma, council.id, 500);
      const view = rows.map((n) => ({
        id: n.id,
        title: n.title,
        number: n.number,
        audience: n.audience,
        publishedAt: n.publishedAt?.toISOString() ?? null,
        file: n.fileName,
        groups: n._count.deliveries,
        acks: n._count.acks,
        recalledAt: n.recalledAt?.toISOString() ?? null,
      }));
      if (opts.json) return c.out(JSON.stringify(view, null, 2));
      c.out(
        formatTable(
          ["ID", "PUBLISHED", "TITLE", "AUDIENCE", "GROUPS", "ACKS"],
          view.map((n) => [
            n.id,
            n.publishedAt?.slice(0, 16).replace("T", " "),
            `${n.recalledAt ? "[recalled] " : ""}${clip(n.title, 60)}`,
            n.audience,
            n.groups,
            n.acks,
          ]),
        ),
      );
      c.out(`${rows.length} notice(s)`);
    });

  notice
    .command("show <id>")
    .description("Print a published notice's text")
    .action(async (id: string) => {
      const c = ctx();
      const row = await findNotice((await c.db()).prisma, Number(id));
      if (!row || row.councilId !== (await c.council()).id) throw new CliError(`No notice #${id}. See \`council notice list\`.`);
      c.out(
        `#${row.id} ${row.title}${row.number ? ` (Số ${row.number})` : ""}${row.fileName ? `\nFile: ${row.fileName}` : ""}\n\n${row.body}`,
      );
    });

  notice
    .command("status <id>")
    .description("Per unit: delivered or not (and why not), acknowledged by whom and when")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = ctx();
      const council = await c.council();
      const status = /^\d{1,9}$/.test(id) ? await noticeStatus((await c.db()).prisma, Number(id), council.id) : null;
      if (!status) throw new CliError(`No notice #${id}. See \`council notice list\`.`);
      if (opts.json) return c.out(JSON.stringify(status, null, 2));
      c.out(htmlToPlainText(renderNoticeStatus(status, council.timezone)));
    });

  registerNoticeChangeCommands(notice, ctx);

  notice
    .command("parse <file>")
    .description(
      "Read a notice (.txt, .md, .docx, .pdf) and print its number, date, issuer, title, signer, recipients and every task with a deadline",
    )
    .option("--json", "print JSON with the corpus annotation field names")
    .action(async (file: string, opts: { json?: boolean }) => {
      const c = ctx();
      const bytes = await readInputFile(file);
      const extracted = await extractDocumentText(bytes, path.basename(file));
      if (!extracted.ok) throw new CliError(`${file}: ${extracted.message}`);
      const parsed = parseNotice(extracted.text, { timezone: c.config.timezone });
      if (opts.json) return c.out(JSON.stringify({ file: path.basename(file), ...parsed }, null, 2));
      c.out(formatParsedNoticeVietnamese(parsed));
    });
};
