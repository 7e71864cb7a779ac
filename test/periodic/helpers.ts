/** Shared steps of the reporting-regime tests: acting as a unit's vice-chair through the core. */
import type { Actor } from "../../src/core/actor.js";
import { submitReport } from "../../src/core/reports/submit-report.js";
import { addToReport } from "../../src/core/reports/add-to-report.js";
import { emptyContent } from "../../src/core/content.js";
import type { Council } from "../deadlines/helpers.js";
import { TZ } from "../deadlines/helpers.js";

/** The vice-chair of a unit as the core sees them (a demo member of that unit, or a made-up one). */
export async function viceChair(c: Council, unitCode: string): Promise<Actor> {
  const unit = await c.db.prisma.unit.findFirstOrThrow({ where: { councilId: c.councilId, code: unitCode } });
  const member =
    (await c.db.prisma.member.findFirst({ where: { councilId: c.councilId, unitId: unit.id, role: "vice_chair" } })) ??
    (await c.db.prisma.member.create({
      data: { councilId: c.councilId, fullName: `Phó Chủ tịch ${unit.name}`, role: "vice_chair", unitId: unit.id },
    }));
  return {
    memberId: member.id,
    councilId: c.councilId,
    fullName: member.fullName,
    role: "vice_chair",
    unitId: unit.id,
    unitName: unit.name,
    unitCode: unit.code,
    identityId: 0,
  };
}

export async function report(
  c: Council,
  unitCode: string,
  taskId: number | null,
  at: Date,
  opts: { nothing?: boolean; text?: string } = {},
) {
  const actor = await viceChair(c, unitCode);
  const content = opts.text
    ? { texts: [opts.text], files: [] }
    : opts.nothing
      ? emptyContent()
      : { texts: [`Báo cáo của ${unitCode}`], files: [] };
  const r = await c.db.transaction((tx) =>
    submitReport(tx, { actor, taskId, content, now: at, timezone: TZ, actorLabel: "test", kind: opts.nothing ? "nothing" : "report" }),
  );
  if (!r.ok) throw new Error(`report refused: ${r.reason}`);
  return r;
}

export async function addition(c: Council, unitCode: string, submissionId: number, at: Date, text = "Bổ sung số liệu") {
  const actor = await viceChair(c, unitCode);
  const r = await c.db.transaction((tx) =>
    addToReport(tx, { actor, submissionId, content: { texts: [text], files: [] }, now: at, timezone: TZ, actorLabel: "test" }),
  );
  if (!r.ok) throw new Error(`addition refused: ${r.reason}`);
  return r;
}
