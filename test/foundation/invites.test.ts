import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { burnInvite, canonicalInviteCode, createInvite, hashInviteCode, legacyInviteHash, redeemInvite } from "../../src/core/invites.js";

const SECRET = "a-server-secret-of-at-least-32-characters";

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
    secret: SECRET,
    ...extra,
  });

const redeem = (code: string, userId: string, now: Date, secret = SECRET) =>
  redeemInvite(t.db, { code, platform: "telegram", platformUserId: userId, displayName: "Bay Nguyen", now, secret, maxFailures: 5 });

describe("invite codes", () => {
  it("stores only a keyed hash and links a new member once", async () => {
    const invite = await make();
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const row = await t.db.prisma.inviteCode.findFirst({ orderBy: { id: "desc" } });
    expect(row).toMatchObject({ codeHash: hashInviteCode(invite.code, SECRET), hashKind: "hmac" });
    // Without the server's key the stored hash says nothing: the bare SHA-256 of the code is not it.
    expect(row!.codeHash).not.toBe(legacyInviteHash(invite.code));
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

    expect(await redeem(invite.code, "700002", days(2))).toEqual({ ok: false, reason: "used", blockedNow: false });
  });

  it("refuses an expired code (7 days by default) and an unknown one", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    expect(await redeem(invite.code, "700003", days(7))).toEqual({ ok: false, reason: "expired", blockedNow: false });
    expect(await redeem("ZZZZ2222", "700003", days(1))).toEqual({ ok: false, reason: "unknown", blockedNow: false });
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

  it("is not found with another server secret (a copied database alone is not enough)", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    expect(await redeem(invite.code, "700010", days(1), "another-secret-of-at-least-32-characters")).toMatchObject({
      ok: false,
      reason: "unknown",
    });
    expect(await redeem(invite.code, "700010", days(1))).toMatchObject({ ok: true });
  });

  it("still honours a code stored before the keyed hash (bare SHA-256) until it is used", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    // What the migration leaves for a code handed out before the upgrade.
    await t.db.prisma.inviteCode.updateMany({ data: { codeHash: legacyInviteHash(invite.code), hashKind: "sha256" } });
    expect(await redeem(invite.code, "700011", days(1))).toMatchObject({ ok: true });
    expect(await redeem(invite.code, "700012", days(1))).toMatchObject({ ok: false, reason: "used" });
    // A keyed row is never matched by the bare hash.
    const other = await make();
    if (!other.ok) throw new Error("no invite");
    await t.db.prisma.inviteCode.updateMany({ where: { hashKind: "hmac" }, data: { codeHash: legacyInviteHash(other.code) } });
    expect(await redeem(other.code, "700013", days(1))).toMatchObject({ ok: false, reason: "unknown" });
  });

  it("counts wrong codes per account: the fifth blocks it (once), then even a right code gets no answer", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await redeem(`WRNG${2222 + i}`, "700020", days(1)));
    expect(results.map((r) => (r.ok ? "ok" : `${r.reason}${"blockedNow" in r && r.blockedNow ? "+blocked" : ""}`))).toEqual([
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown+blocked",
    ]);
    expect(await redeem(invite.code, "700020", days(1))).toEqual({ ok: false, reason: "blocked" });
    expect(await t.db.prisma.inviteFailure.findFirst()).toMatchObject({ platformUserId: "700020", failures: 5 });
    expect(await t.db.prisma.auditLog.count({ where: { action: "invite.too_many_failures" } })).toBe(1);
    // Another account is not affected, and a success clears that account's count.
    await redeem("WRNG3333", "700021", days(1));
    expect(await redeem(invite.code, "700021", days(1))).toMatchObject({ ok: true });
    expect(await t.db.prisma.inviteFailure.count({ where: { platformUserId: "700021" } })).toBe(0);
  });

  it("burns a code typed in a group: revoked at once, audited", async () => {
    const invite = await make();
    if (!invite.ok) throw new Error("no invite");
    expect(await burnInvite(t.db, { code: invite.code, secret: SECRET, now: days(1), actorLabel: "zalo:1", chatTitle: "Nhóm" })).toEqual({
      councilId,
    });
    expect(await burnInvite(t.db, { code: invite.code, secret: SECRET, now: days(1), actorLabel: "zalo:1", chatTitle: "Nhóm" })).toBeNull();
    expect(await redeem(invite.code, "700030", days(1))).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("normalises how people type codes", () => {
    expect(canonicalInviteCode(" k7qx-3mpa ")).toBe("K7QX3MPA");
  });
});
