/** Loads members from a CSV file; one bad row refuses the whole file and nothing changes. */
import type { Database } from "../../db/client.js";
import { listUnits } from "../../db/units.js";
import { upsertMember, type MemberInput } from "../../db/members.js";
import { audit } from "../../db/audit.js";
import { readTable } from "../../csv/read-table.js";
import { normalizeCode, parseRole, ROLES, ROLES_NEEDING_UNIT } from "../../domain/vocabulary.js";
import { cleanText } from "../../text/fold.js";
import { CODE_PATTERN, type ImportOutcome, type ImportProblem } from "./import-units.js";

export const MEMBER_COLUMNS = {
  code: ["code", "ma", "ma can bo", "ma thanh vien"],
  name: ["name", "full name", "ho ten", "ho va ten", "ten"],
  role: ["role", "vai tro"],
  unit: ["unit", "don vi", "ma don vi", "unit code"],
  title: ["title", "chuc vu"],
  phone: ["phone", "dien thoai", "so dien thoai", "sdt"],
  email: ["email", "e mail", "thu dien tu"],
} as const;

const PHONE = /^\+?[0-9 .()-]{8,20}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function importMembers(db: Database, councilId: number, content: Buffer | string, actorLabel: string): Promise<ImportOutcome> {
  const table = readTable(content, MEMBER_COLUMNS, ["name", "role"]);
  if (!table.ok) return { ok: false, problems: [{ line: 1, message: table.problem }] };
  if (table.rows.length === 0) return { ok: false, problems: [{ line: 1, message: "the file has a header but no members" }] };

  const units = new Map((await listUnits(db.prisma, councilId)).map((u) => [u.code, u]));
  const problems: ImportProblem[] = [];
  const codes = new Map<string, number>();
  const inputs: MemberInput[] = [];
  for (const { line, values } of table.rows) {
    const fullName = cleanText(values.name ?? "");
    const roleText = values.role ?? "";
    const role = parseRole(roleText);
    const code = values.code ? normalizeCode(values.code) : null;
    const unitCode = values.unit ? normalizeCode(values.unit) : null;
    const unit = unitCode ? units.get(unitCode) : undefined;
    if (!fullName) problems.push({ line, message: "missing name" });
    if (!roleText) problems.push({ line, message: "missing role" });
    else if (!role) problems.push({ line, message: `unknown role "${roleText}" (expected one of: ${ROLES.join(", ")})` });
    if (code && !CODE_PATTERN.test(code))
      problems.push({ line, message: `member code "${code}" may only contain letters, digits, ".", "_" and "-"` });
    if (code && codes.has(code)) problems.push({ line, message: `duplicate member code "${code}" (also on line ${codes.get(code)})` });
    if (code && !codes.has(code)) codes.set(code, line);
    if (unitCode && !unit) problems.push({ line, message: `unknown unit code "${unitCode}" (import the units first)` });
    if (role && ROLES_NEEDING_UNIT.includes(role) && !unitCode) problems.push({ line, message: `role ${role} needs a unit` });
    if (values.phone && !PHONE.test(values.phone)) problems.push({ line, message: `"${values.phone}" is not a phone number` });
    if (values.email && !EMAIL.test(values.email)) problems.push({ line, message: `"${values.email}" is not an e-mail address` });
    inputs.push({
      code,
      fullName,
      role: role ?? "delegate",
      unitId: unit?.id ?? null,
      title: values.title ? cleanText(values.title) : null,
      phone: values.phone || null,
      email: values.email || null,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const counts = await db.transaction(async (tx) => {
    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const input of inputs) result[await upsertMember(tx, councilId, input)]++;
    await audit(tx, { councilId, actorLabel, action: "members.import", entityType: "member", detail: result });
    return result;
  });
  return { ok: true, ...counts };
}
