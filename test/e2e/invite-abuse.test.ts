/**
 * Invite codes misused (issue 20): a code typed in a group is burned at once, and an account that types
 * wrong codes is answered five times, then not at all, and the admins are told once.
 */
import { expect as pollExpect } from "vitest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E, person } from "../helpers/e2e.js";
import { createInvite } from "../../src/core/invites.js";

const GROUP = -1009300000001;
const admin = person(9301, "Quản", "Trị");
const guesser = person(9302, "Đoán", "Mò");
const an = person(9303, "An", "Nguyễn");

let e: E2E;
beforeEach(async () => {
  e = await E2E.start();
  await e.registerGroup(GROUP, "unit", "PHO_AN", "HĐND xã Phổ An");
  await e.link(admin, "admin", null, "Quản Trị Viên");
});
afterEach(() => e.close());

const invite = async (name: string) => {
  const r = await createInvite(e.db, {
    councilId: e.councilId,
    role: "vice_chair",
    unitCode: "PHO_AN",
    fullName: name,
    ttlDays: 7,
    now: e.clock.now(),
    actorLabel: "test",
    secret: e.secret,
  });
  if (!r.ok) throw new Error(r.reason);
  return r.code;
};

describe("invite codes misused", () => {
  it("burns a code typed in a group (with /start or alone): everyone there has read it", async () => {
    const code = await invite("Nguyễn Văn An");
    const burned = await e.ask(an, `/start ${code}`, /Mã mời vừa gõ trong nhóm đã bị hủy/, GROUP);
    expect(burned.plainText).toMatch(/liên hệ Văn phòng để được cấp mã mới/);
    expect((await e.ask(an, `/start ${code}`)).plainText).toMatch(/Mã mời này đã bị hủy/);
    expect(await e.db.prisma.auditLog.count({ where: { action: "invite.burned" } })).toBe(1);

    // Typed alone, where the bot sees plain group text (Zalo groups; on Telegram a bot that is the group's
    // administrator, which privacy mode exempts): burned too; the same warning is not repeated in the group.
    e.fake.configure({ privacyExemptsAdmins: true });
    const other = await invite("Trần Văn Bình");
    expect(e.say(an, other.toLowerCase(), GROUP).delivered).toBe(true);
    await pollExpect.poll(() => e.db.prisma.inviteCode.count({ where: { revokedAt: { not: null } } }), { timeout: 20_000 }).toBe(2);
    await e.drain();
    expect(e.fake.messagesTo(GROUP).filter((m) => /đã bị hủy/.test(m.plainText ?? ""))).toHaveLength(1);
  });

  it("answers five wrong codes, tells the admins once, then stays silent even to a right code", async () => {
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push((await e.ask(guesser, `/start WRNG${2222 + i}`)).plainText ?? "");
    expect(replies.slice(0, 4).every((r) => /Mã mời không đúng/.test(r))).toBe(true);
    expect(replies[4]).toMatch(/nhập sai mã mời quá nhiều lần/);
    const alert = await e.next(admin.id, /đã nhập sai mã mời 5 lần/);
    expect(alert.plainText).toMatch(/Đoán Mò/);

    const code = await invite("Người Đoán");
    const before = e.fake.messagesTo(guesser.id).length;
    e.say(guesser, `/start ${code}`);
    e.say(guesser, "WRNG9999");
    await pollExpect.poll(() => e.fake.pendingUpdates().length, { timeout: 20_000 }).toBe(0);
    await e.drain();
    expect(e.fake.messagesTo(guesser.id)).toHaveLength(before);
    expect(e.fake.messagesTo(admin.id).filter((m) => /sai mã mời/.test(m.plainText ?? ""))).toHaveLength(1);
    expect(await e.db.prisma.chatIdentity.count({ where: { platformUserId: String(guesser.id) } })).toBe(0);
  });
});
