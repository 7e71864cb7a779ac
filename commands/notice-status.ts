/** /thongbao_tinhtrang [số] (alias /noticestatus): per unit, delivered or not and who acknowledged. */
import { PERMISSIONS } from "../src/core/permissions.js";
import type { CommandDefinition } from "../src/bot/commands.js";
import { listNotices } from "../src/db/notices.js";
import { noticeStatus } from "../src/core/notices/status.js";
import { renderNoticeStatus } from "../src/core/notices/render-status.js";
import { notices as t } from "../src/i18n/vi/notices.js";
import { parseId } from "../src/domain/ids.js";

export const noticeStatusCommand: CommandDefinition = {
  name: "thongbao_tinhtrang",
  aliases: ["noticestatus"],
  description: "Xem tình trạng nhận thông báo (Văn phòng, Thường trực)",
  audience: PERMISSIONS.noticeStatus,
  where: ["private", "group"],
  groupPurposes: ["standing"],
  menu: true,
  async run(ctx, args) {
    const arg = args.trim().replace(/^#/, "");
    // A notice number is a few digits; "1e308" or "99999999999" are no notice (and never reach the database).
    let id: number | undefined = arg ? (parseId(arg) ?? undefined) : undefined;
    if (arg && id === undefined) return ctx.reply(t.noticeNotFound(arg.slice(0, 30)));
    if (id === undefined) id = (await listNotices(ctx.db.prisma, ctx.actor!.councilId, 1))[0]?.id;
    if (id === undefined) return ctx.reply(t.noNotices());
    // Another council's notice is "not found", like one that does not exist.
    const status = await noticeStatus(ctx.db.prisma, id, ctx.actor!.councilId);
    if (!status) return ctx.reply(t.noticeNotFound(String(id)));
    ctx.reply(renderNoticeStatus(status, ctx.services.config.timezone));
  },
};
