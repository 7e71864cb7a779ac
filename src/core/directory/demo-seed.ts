/**
 * The demo council: thị xã Đức Phổ with the 15 communes and wards of the seed notice (before the 2025
 * reorganisation), its two HĐND committees, and a few fictional members. Running it twice changes nothing.
 */
import type { Database } from "../../db/client.js";
import { upsertCouncil } from "../../db/councils.js";
import { findUnitByCode, upsertUnits, type UnitInput } from "../../db/units.js";
import { upsertMember } from "../../db/members.js";
import { audit } from "../../db/audit.js";

export const DEMO_COUNCIL = { code: "DUCPHO", name: "HĐND thị xã Đức Phổ" } as const;

export const DEMO_UNITS: readonly UnitInput[] = [
  ...[
    ["NGUYEN_NGHIEM", "Phường Nguyễn Nghiêm"],
    ["PHO_HOA", "Phường Phổ Hòa"],
    ["PHO_MINH", "Phường Phổ Minh"],
    ["PHO_NINH", "Phường Phổ Ninh"],
    ["PHO_QUANG", "Phường Phổ Quang"],
    ["PHO_THANH", "Phường Phổ Thạnh"],
    ["PHO_VAN", "Phường Phổ Văn"],
    ["PHO_VINH", "Phường Phổ Vinh"],
  ].map(([code, name]) => ({ code: code!, name: name!, kind: "ward", parentCode: null })),
  ...[
    ["PHO_AN", "Xã Phổ An"],
    ["PHO_CHAU", "Xã Phổ Châu"],
    ["PHO_CUONG", "Xã Phổ Cường"],
    ["PHO_KHANH", "Xã Phổ Khánh"],
    ["PHO_NHON", "Xã Phổ Nhơn"],
    ["PHO_PHONG", "Xã Phổ Phong"],
    ["PHO_THUAN", "Xã Phổ Thuận"],
  ].map(([code, name]) => ({ code: code!, name: name!, kind: "commune", parentCode: null })),
  { code: "BAN_PC", name: "Ban Pháp chế HĐND thị xã", kind: "committee", parentCode: null },
  { code: "BAN_KTXH", name: "Ban Kinh tế - Xã hội HĐND thị xã", kind: "committee", parentCode: null },
];

const DEMO_MEMBERS = [
  { code: "DEMO_ADMIN", fullName: "Quản trị hệ thống", role: "admin", unit: null, title: "Quản trị viên" },
  { code: "DEMO_VP1", fullName: "Lê Thị Thu Hà", role: "office", unit: null, title: "Chuyên viên Văn phòng" },
  { code: "DEMO_CT", fullName: "Trần Văn Bình", role: "standing", unit: null, title: "Chủ tịch HĐND thị xã" },
  { code: "DEMO_PCT", fullName: "Phạm Thị Lan", role: "standing", unit: null, title: "Phó Chủ tịch HĐND thị xã" },
  { code: "DEMO_BANPC", fullName: "Võ Minh Tuấn", role: "committee", unit: "BAN_PC", title: "Trưởng Ban Pháp chế" },
  { code: "DEMO_PHOAN", fullName: "Nguyễn Văn An", role: "vice_chair", unit: "PHO_AN", title: "Phó Chủ tịch HĐND xã Phổ An" },
  { code: "DEMO_PHOPHONG", fullName: "Huỳnh Thị Mai", role: "vice_chair", unit: "PHO_PHONG", title: "Phó Chủ tịch HĐND xã Phổ Phong" },
  {
    code: "DEMO_NGNGHIEM",
    fullName: "Đặng Quốc Huy",
    role: "vice_chair",
    unit: "NGUYEN_NGHIEM",
    title: "Phó Chủ tịch HĐND phường Nguyễn Nghiêm",
  },
  { code: "DEMO_DB1", fullName: "Bùi Thị Hạnh", role: "delegate", unit: "PHO_AN", title: "Đại biểu HĐND thị xã" },
] as const;

export async function seedDemo(
  db: Database,
  timezone: string,
  actorLabel: string,
): Promise<{ councilId: number; created: boolean; units: number; members: number }> {
  return db.transaction(async (tx) => {
    const { council, created } = await upsertCouncil(tx, { ...DEMO_COUNCIL, timezone });
    const units = await upsertUnits(tx, council.id, DEMO_UNITS);
    let membersChanged = 0;
    for (const m of DEMO_MEMBERS) {
      const unitId = m.unit ? (await findUnitByCode(tx, council.id, m.unit))!.id : null;
      const outcome = await upsertMember(tx, council.id, {
        code: m.code,
        fullName: m.fullName,
        role: m.role,
        unitId,
        title: m.title,
        phone: null,
        email: null,
      });
      if (outcome !== "unchanged") membersChanged++;
    }
    if (created || units.created + units.updated + membersChanged > 0) {
      await audit(tx, {
        councilId: council.id,
        actorLabel,
        action: "seed.demo",
        entityType: "council",
        entityId: council.id,
        detail: { units, membersChanged },
      });
    }
    return { councilId: council.id, created, units: units.created + units.updated, members: membersChanged };
  });
}
