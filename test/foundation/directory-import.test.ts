import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { importUnits } from "../../src/core/directory/import-units.js";
import { importMembers } from "../../src/core/directory/import-members.js";
import { importGroups } from "../../src/core/directory/groups.js";
import { upsertCouncil } from "../../src/db/councils.js";
import { listUnits } from "../../src/db/units.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { councilStatus } from "../../src/core/directory/status.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url));

let t: TestDatabase;
let councilId: number;

beforeEach(async () => {
  t = await createTestDatabase();
  councilId = (await upsertCouncil(t.db.prisma, { code: "TEST", name: "HĐND thử nghiệm", timezone: "Asia/Ho_Chi_Minh" })).council.id;
});
afterEach(() => t.cleanup());

const snapshot = async () => ({
  units: await t.db.prisma.unit.count(),
  members: await t.db.prisma.member.count(),
  chats: await t.db.prisma.chat.count(),
});

describe("units import", () => {
  it("imports a good file, with Vietnamese kinds and a parent, and is idempotent", async () => {
    const first = await importUnits(t.db, councilId, fixture("units.csv"), "test");
    expect(first).toEqual({ ok: true, created: 5, updated: 0, unchanged: 0 });
    const units = await listUnits(t.db.prisma, councilId);
    const byCode = new Map(units.map((u) => [u.code, u]));
    expect(byCode.get("PHO_AN")!.kind).toBe("commune");
    expect(byCode.get("NGUYEN_NGHIEM")!.name).toBe("Phường Nguyễn Nghiêm");
    expect(byCode.get("BAN_PC")!.kind).toBe("committee");
    expect(byCode.get("THON_1")!.parentId).toBe(byCode.get("PHO_AN")!.id);
    expect(byCode.get("THON_1")!.name).toBe("Thôn An Thạch, xã Phổ An");
    expect(await importUnits(t.db, councilId, fixture("units.csv"), "test")).toEqual({ ok: true, created: 0, updated: 0, unchanged: 5 });
  });

  it("reads Excel's semicolon CSV with a BOM, Vietnamese headers, quoted fields and blank rows", async () => {
    const result = await importUnits(t.db, councilId, fixture("units-excel-semicolon-bom.csv"), "test");
    expect(result).toEqual({ ok: true, created: 2, updated: 0, unchanged: 0 });
    const units = await listUnits(t.db.prisma, councilId);
    expect(units.map((u) => u.name)).toEqual(["Xã Phổ An", "Xã Phổ Châu; ven biển"]);
  });

  it.each([
    ["missing name", "code,name,kind\nA1,,xã\n", /line 2: missing unit name/],
    ["duplicate code", "code,name\nA1,Xã A\nB1,Xã B\na1,Xã A lần hai\n", /line 4: duplicate unit code "A1" \(also on line 2\)/],
    ["unknown kind", "code,name,kind\nA1,Xã A,huyện\n", /line 2: unknown unit kind "huyện"/],
    ["unknown parent", "code,name,kind,parent\nA1,Thôn A,thôn,NOPE\n", /line 2: unknown parent unit code "NOPE"/],
    ["bad code", "code,name\nA 1,Xã A\n", /line 2: unit code "A 1"/],
    ["missing column", "ma\nA1\n", /line 1: missing column "name"/],
    ["empty file", "", /the file is empty/],
    ["not UTF-8", Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x2c, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x41, 0x2c, 0xc0, 0x0a]), /not UTF-8/],
  ])("refuses a file with %s, naming the line, and changes nothing", async (_label, content, expected) => {
    await importUnits(t.db, councilId, "code,name\nKEEP,Xã Giữ Nguyên\n", "test");
    const before = await snapshot();
    const result = await importUnits(t.db, councilId, content, "test");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n")).toMatch(expected);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the whole file when only the last row is bad", async () => {
    const result = await importUnits(t.db, councilId, "code,name\nA1,Xã A\nB1,Xã B\nC1,\n", "test");
    expect(result.ok).toBe(false);
    expect(await t.db.prisma.unit.count()).toBe(0);
  });
});

describe("members import", () => {
  beforeEach(async () => {
    await importUnits(t.db, councilId, fixture("units.csv"), "test");
  });

  it("imports members with Vietnamese roles and updates them on a second run", async () => {
    expect(await importMembers(t.db, councilId, fixture("members.csv"), "test")).toEqual({
      ok: true,
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    const an = await t.db.prisma.member.findFirst({ where: { code: "PCT_PA" }, include: { unit: true } });
    expect(an).toMatchObject({ role: "vice_chair", fullName: "Nguyễn Văn An", phone: "0905123456" });
    expect(an!.unit!.code).toBe("PHO_AN");
    const changed = fixture("members.csv").toString().replace("0905123456", "0905999999");
    expect(await importMembers(t.db, councilId, changed, "test")).toEqual({ ok: true, created: 0, updated: 1, unchanged: 3 });
  });

  it.each([
    ["missing name", "name,role,unit\n,office,\n", /line 2: missing name/],
    ["wrong role", "name,role,unit\nNguyễn A,chủ tịch nước,\n", /line 2: unknown role "chủ tịch nước"/],
    ["unknown unit", "name,role,unit\nNguyễn A,vice_chair,PHO_XYZ\n", /line 2: unknown unit code "PHO_XYZ"/],
    ["vice-chair without unit", "name,role,unit\nNguyễn A,vice_chair,\n", /line 2: role vice_chair needs a unit/],
    ["duplicate code", "code,name,role\nX1,A,office\nX1,B,office\n", /line 3: duplicate member code "X1"/],
    ["bad phone", "name,role,phone\nNguyễn A,office,gọi tôi\n", /line 2: "gọi tôi" is not a phone number/],
  ])("refuses %s and changes nothing", async (_label, content, expected) => {
    const before = await snapshot();
    const result = await importMembers(t.db, councilId, content, "test");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n")).toMatch(expected);
    expect(await snapshot()).toEqual(before);
  });
});

describe("groups import", () => {
  it("registers groups and refuses bad rows as a whole", async () => {
    await importUnits(t.db, councilId, fixture("units.csv"), "test");
    expect(await importGroups(t.db, councilId, fixture("groups.csv"), "test", new Date())).toEqual({
      ok: true,
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    const bad = "platform,chat_id,purpose,unit\ntelegram,12345,unit,PHO_AN\nviber,-100123456,unit,PHO_AN\ntelegram,-100123457,unit,\n";
    const before = await snapshot();
    const result = await importGroups(t.db, councilId, bad, "test", new Date());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const text = result.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n");
      expect(text).toMatch(/line 2: "12345" is not a Telegram group id/);
      expect(text).toMatch(/line 3: unknown platform "viber"/);
      expect(text).toMatch(/line 4: a unit group needs a unit code/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the standing and announcement groups to the office's console import, and the standing group announced when changed", async () => {
    await importUnits(t.db, councilId, fixture("units.csv"), "test");
    const office = await importGroups(t.db, councilId, fixture("groups.csv"), "web:1", new Date(), { mayChangeGuarded: false });
    expect(office.ok).toBe(false);
    if (!office.ok)
      expect(office.problems.map((p) => `line ${p.line}: ${p.message}`)).toEqual([
        "line 4: only an administrator (or the CLI) registers or changes the standing committee's or the announcement group",
        "line 5: only an administrator (or the CLI) registers or changes the standing committee's or the announcement group",
      ]);
    expect(await t.db.prisma.chat.count()).toBe(0);
    const cli = await importGroups(t.db, councilId, fixture("groups.csv"), "cli", new Date(), {
      announce: { timezone: "Asia/Ho_Chi_Minh", operatorChat: { platform: "telegram", id: "-100777", kind: "group" } },
    });
    expect(cli).toMatchObject({ ok: true, created: 4 });
    // The operator chat heard of both guarded groups; the standing group heard of the announcement group.
    const texts = (await t.db.prisma.outboxMessage.findMany({ include: { chat: true } })).map(
      (m) => `${m.chat.externalId}: ${(JSON.parse(m.payloadJson) as { text: string }).text.replace(/ lúc .*/, "")}`,
    );
    expect(texts).toEqual([
      "-100777: 🔔 Thông báo thay đổi nhóm: nhóm <b>Thường trực HĐND</b> vừa được đăng ký là <b>nhóm Thường trực HĐND</b>, do công cụ quản trị (CLI) thực hiện",
      "-1001000000099: 🔔 Thông báo thay đổi nhóm: nhóm <b>Nhóm thông báo chung</b> vừa được đăng ký là <b>nhóm thông báo chung cho các đơn vị</b>, do công cụ quản trị (CLI) thực hiện",
      "-100777: 🔔 Thông báo thay đổi nhóm: nhóm <b>Nhóm thông báo chung</b> vừa được đăng ký là <b>nhóm thông báo chung cho các đơn vị</b>, do công cụ quản trị (CLI) thực hiện",
    ]);
  });
});

describe("demo seed", () => {
  it("creates the 15 communes and wards of Đức Phổ once", async () => {
    const first = await seedDemo(t.db, "Asia/Ho_Chi_Minh", "test");
    expect(first.created).toBe(true);
    const second = await seedDemo(t.db, "Asia/Ho_Chi_Minh", "test");
    expect(second).toMatchObject({ created: false, units: 0, members: 0 });
    const council = (await t.db.prisma.council.findUnique({ where: { code: "DUCPHO" } }))!;
    const status = await councilStatus(t.db, council);
    expect(status.units).toBe(15);
    expect(status.unitsByKind).toMatchObject({ ward: 8, commune: 7 });
    expect(status.committees).toBe(2);
    expect(await t.db.prisma.auditLog.count({ where: { action: "seed.demo" } })).toBe(1);
  });
});
