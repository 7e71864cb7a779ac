import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { canonicalInviteCode, createInvite, hashInviteCode, redeemInvite } from "../../src/core/invites.js";

let t: TestDatabase;
let councilId: number;
const T0 = new Date("2026-03-02T02:00:00Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

beforeEach(async () => {
  t = await createTestDatabase();
  councilId = (await seedDemo(t.db, "Asia/Ho_Chi_Minh", "test")).councilId;
});
afterEach(() => t.cleanup());

const make = (extra: Partial<Parameters<typeof createInvite>[1]> = {}) =>
  createInvite(t.db, {
    councilId,
    role: "vice_chair",
    unitCode: "pho_an",
    fullName: "Nguyễn  Văn Bảy",
    ttlDays: 7,
    now: T0,
    actorLabel: "test",
    ...extra,
  });

const redeem = (code: string, userId: string, now: Date) =>
  redeemInvite(t.db, { code, platform: "telegram", platformUserId: userId, displayName: "Bay Nguyen", now });

describe("invite codes", () => {
  it("stores only a hash and links a new member once", async () => {
    const invite = await make();
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const row = await t.db.prisma.inviteCode.findFirst({ orderBy: { id: "desc" } });
    expect(row!.codeHash).toBe(hashInviteCode(invite.code));
    expect(JSON.stringify(row)).not.toContain(invite.code);

    const result = await redeem(invite.code.toLowerCase().replace(/(.{4})/, "$1-"), "700001", days(1));
    expect(result.ok).toBe(true);
    const member = await t.db.prisma.member.findUnique({
      where: { id: result.ok ? result.memberId : -1 },
      include: { unit: true, identities: true },
    });
    expect(member).toMatchObject({ fullName: "Nguyễn Văn Bảy", role: "vice_chair" });
    expect(member!.unit!.code).toBe("PHO_AN");
    expect(member!.identities.map((i) => i.platformUserId)).toEqual(["700001"]);

    expect(await redeem(invite.code, "700002", days(2))).toEqual({ ok: false, reason: "used" });
  });

  it("refuses an expired code (7 days by default) and an unknown one", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    expect(await redeem(invite.code, "700003", days(7))).toEqual({ ok: false, reason: "expired" });
    expect(await redeem("ZZZZ2222", "700003", days(1))).toEqual({ ok: false, reason: "unknown" });
    expect(await t.db.prisma.chatIdentity.count()).toBe(0);
  });

  it("links an existing member when the invite names them", async () => {
    const existing = (await t.db.prisma.member.findFirst({ where: { code: "DEMO_PHOAN" } }))!;
    const invite = await make({ memberId: existing.id, fullName: null });
    if (!invite.ok) throw new Error("no invite");
    const result = await redeem(invite.code, "700004", days(1));
    expect(result).toMatchObject({ ok: true, memberId: existing.id, createdMember: false });
  });

  it("refuses bad roles and units, and a vice-chair without a unit", async () => {
    expect(await make({ role: "president" })).toMatchObject({ ok: false, reason: "bad_role" });
    expect(await make({ unitCode: "NOWHERE" })).toMatchObject({ ok: false, reason: "unknown_unit" });
    expect(await make({ unitCode: null })).toMatchObject({ ok: false, reason: "unit_required" });
  });

  it("normalises how people type codes", () => {
    expect(canonicalInviteCode(" k7qx-3mpa ")).toBe("K7QX3MPA");
  });
});
