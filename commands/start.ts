/** /start (alias /batdau): link this chat account with an invite code; or greet a linked member. */
import type { CommandDefinition } from "../src/bot/commands.js";
import type { BotContext } from "../src/bot/context.js";
import { redeemInvite } from "../src/core/invites.js";
import { tellAdmins } from "../src/core/admins.js";
import { councilsToServe } from "../src/db/task-queries.js";
import { serverSecret } from "../src/files/server-secret.js";
import { access } from "../src/i18n/vi/access.js";
import { findActor } from "../src/db/identities.js";
import { linking, help } from "../src/i18n/vi/directory.js";
import { joinHtml } from "../src/text/html.js";
import type { Role } from "../src/domain/vocabulary.js";

export const start: CommandDefinition = {
  name: "start",
  aliases: ["batdau"],
  description: "Bắt đầu, liên kết tài khoản bằng mã mời",
  audience: "everyone",
  where: ["private"],
  menu: true,
  unlinkedOnly: true,
  async run(ctx, args) {
    const code = args.trim();
    const menu = ctx.services.commands;
    if (!code) {
      if (!ctx.actor) return ctx.reply(linking.howToLink());
      ctx.reply(
        joinHtml(
          [linking.alreadyLinked(ctx.actor.fullName, ctx.actor.role, ctx.actor.unitName), menu ? helpFor(ctx, ctx.actor.role) : ""],
          "\n\n",
        ),
      );
      return;
    }
    const user = ctx.event.user;
    const config = ctx.services.config;
    const result = await redeemInvite(ctx.db, {
      code,
      platform: user.platform,
      platformUserId: user.id,
      displayName: user.displayName,
      username: user.username ?? null,
      now: ctx.now,
      secret: serverSecret(config),
      maxFailures: config.inviteMaxFailures,
    });
    if (!result.ok) {
      ctx.services.logger.info({ reason: result.reason }, "invite code refused");
      // Past the limit: no answer at all (the admins were told when the limit was reached).
      if (result.reason === "blocked") return;
      const messages = {
        unknown: linking.codeUnknown,
        expired: linking.codeExpired,
        used: linking.codeUsed,
        revoked: linking.codeRevoked,
        linked_to_other: linking.linkedToOther,
      };
      if (!result.blockedNow) return ctx.reply(messages[result.reason]());
      ctx.reply(access.tooManyCodes());
      await ctx.commit(async (tx) => {
        const councils = await councilsToServe(tx, config.councilCode);
        await tellAdmins(tx, {
          councilIds: councils.map((c) => c.id),
          operatorChat: config.operatorChat,
          key: `invite-blocked:${user.platform}:${user.id}`,
          text: access.tooManyCodesAdmin(ctx.platform.displayName, user.id, user.displayName, config.inviteMaxFailures),
        });
      });
      return;
    }
    const actor = (await findActor(ctx.db.prisma, user.platform, user.id))!;
    const role = actor.member.role as Role;
    ctx.reply(
      joinHtml(
        [linking.welcome(actor.member.fullName, role, actor.member.unit?.name ?? null, ctx.platform.displayName), helpFor(ctx, role)],
        "\n\n",
      ),
    );
    await ctx.commit(async () => undefined);
    if (menu && ctx.platform.setCommandMenu) {
      await ctx.platform
        .setCommandMenu(ctx.event.chat.id, menu.menuFor(role))
        .catch((err) => ctx.services.logger.warn({ err }, "could not set the command menu"));
    }
  },
};

// biome-ignore lint/suspicious/noExplicitAny: help is built for any event type
export function helpFor(ctx: BotContext<any>, role: Role | null) {
  const registry = ctx.services.commands;
  if (!registry) return "";
  const where = ctx.isPrivate ? "private" : "group";
  // Commands typed only in a group (/dangky) have no place in the private menu, but help names them, saying where.
  const groupOnly = (d: CommandDefinition) => !d.where.includes("private");
  const lines = registry
    .forRole(role)
    .filter((d) => (d.menu || groupOnly(d)) && (d.where.includes(where) || where === "private"))
    .map((d) => ({ name: d.name, alias: d.aliases[0], description: d.description, inGroup: where === "private" && groupOnly(d) }));
  return joinHtml([help.commands(lines), help.footer()]);
}
