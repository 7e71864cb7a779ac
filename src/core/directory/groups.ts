/** Registering chat groups (a unit's group, the all-units announcement group, the standing committee's group). */
import type { Database } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { findChat, registerGroup } from "../../db/chats.js";
import type { Tx } from "../../db/client.js";
import { announceGroupChange, belongsElsewhere, isGuardedChange, type AnnounceOptions } from "./group-guard.js";
import { listUnits } from "../../db/units.js";
import { readTable } from "../../csv/read-table.js";
import { CHAT_PURPOSES, normalizeCode, parseChatPurpose, type ChatPurpose } from "../../domain/vocabulary.js";
import { capabilitiesOf, knownPlatforms, parsePlatformName } from "../../messaging/platform.js";
import type { ImportOutcome, ImportProblem } from "./import-units.js";

export interface GroupSpec {
  /** a registered platform's name */
  platform: string;
  externalId: string;
  purpose: ChatPurpose;
  unitId: number | null;
  title: string | null;
}

export type GroupSpecProblem = string;

/** Checks one group's fields; each platform says what its group ids look like (Telegram's are negative integers). */
export function checkGroupFields(
  fields: { platform: string; chatId: string; purpose: string; unitCode: string | null; title: string | null },
  unitsByCode: Map<string, { id: number; kind: string }>,
): { ok: true; spec: GroupSpec } | { ok: false; problems: GroupSpecProblem[] } {
  const problems: string[] = [];
  const platform = parsePlatformName(fields.platform);
  const purpose = parseChatPurpose(fields.purpose);
  const chatId = fields.chatId.trim();
  if (!platform)
    problems.push(
      `unknown platform "${fields.platform}" (expected ${knownPlatforms()
        .map((p) => p.name)
        .join(" or ")})`,
    );
  if (!chatId) problems.push("missing chat id");
  else if (platform && !capabilitiesOf(platform).groupId.pattern.test(chatId)) {
    const c = capabilitiesOf(platform);
    problems.push(`"${chatId}" is not a ${c.displayName} group id (${c.groupId.example})`);
  }
  if (!purpose) problems.push(`unknown purpose "${fields.purpose}" (expected one of: ${CHAT_PURPOSES.join(", ")})`);
  const unitCode = fields.unitCode ? normalizeCode(fields.unitCode) : null;
  const unit = unitCode ? unitsByCode.get(unitCode) : undefined;
  if (unitCode && !unit) problems.push(`unknown unit code "${unitCode}"`);
  if ((purpose === "unit" || purpose === "committee") && !unitCode) problems.push(`a ${purpose} group needs a unit code`);
  if ((purpose === "announce" || purpose === "standing" || purpose === "office") && unitCode)
    problems.push(`a ${purpose} group is not tied to a unit; leave the unit empty`);
  if (problems.length > 0 || !platform || !purpose) return { ok: false, problems };
  return { ok: true, spec: { platform, externalId: chatId, purpose, unitId: unit?.id ?? null, title: fields.title?.trim() || null } };
}

const ELSEWHERE = "this group is registered to another council; it is never moved";

/**
 * Registers one group, refusing a chat of another council. A standing or announcement group (registered,
 * or changed from one) is announced to the standing group(s) and the admins when `announce` is given.
 */
async function registerOne(
  tx: Tx,
  councilId: number,
  spec: GroupSpec,
  now: Date,
  actorLabel: string,
  announce: AnnounceOptions | undefined,
): Promise<{ chat: { id: number }; previous: { purpose: string | null; unitId: number | null } | null }> {
  const existing = await findChat(tx, spec.platform, spec.externalId);
  const current = existing?.councilId === councilId ? existing.purpose : null;
  const result = await registerGroup(tx, { councilId, ...spec, registeredById: null, now });
  if (announce && isGuardedChange(spec.purpose, current))
    await announceGroupChange(tx, {
      councilId,
      chat: result.chat,
      purpose: spec.purpose,
      previous: current,
      by: actorLabel === "cli" ? "công cụ quản trị (CLI)" : actorLabel,
      now,
      key: `group-change:${result.chat.id}:${now.toISOString()}:${spec.purpose}`,
      ...announce,
    });
  return result;
}

export async function addGroup(
  db: Database,
  councilId: number,
  fields: { platform: string; chatId: string; purpose: string; unitCode: string | null; title: string | null },
  actorLabel: string,
  now: Date,
  announce?: AnnounceOptions,
): Promise<{ ok: true; chatId: number; updated: boolean } | { ok: false; problems: string[] }> {
  const units = new Map((await listUnits(db.prisma, councilId)).map((u) => [u.code, u]));
  const checked = checkGroupFields(fields, units);
  if (!checked.ok) return checked;
  if (belongsElsewhere(await findChat(db.prisma, checked.spec.platform, checked.spec.externalId), councilId))
    return { ok: false, problems: [ELSEWHERE] };
  return db.transaction(async (tx) => {
    const { chat, previous } = await registerOne(tx, councilId, checked.spec, now, actorLabel, announce);
    await audit(tx, {
      councilId,
      actorLabel,
      action: "group.register",
      entityType: "chat",
      entityId: chat.id,
      detail: { ...checked.spec, previous },
    });
    return { ok: true as const, chatId: chat.id, updated: previous !== null };
  });
}

export const GROUP_COLUMNS = {
  platform: ["platform", "nen tang"],
  chatId: ["chat id", "chatid", "id", "id nhom", "ma nhom"],
  purpose: ["purpose", "muc dich", "loai nhom"],
  unit: ["unit", "don vi", "ma don vi", "unit code"],
  title: ["title", "ten nhom", "ten"],
} as const;

export async function importGroups(
  db: Database,
  councilId: number,
  content: Buffer | string,
  actorLabel: string,
  now: Date,
  options: { announce?: AnnounceOptions; mayChangeGuarded?: boolean } = {},
): Promise<ImportOutcome> {
  const table = readTable(content, GROUP_COLUMNS, ["platform", "chatId", "purpose"]);
  if (!table.ok) return { ok: false, problems: [{ line: 1, message: table.problem }] };
  if (table.rows.length === 0) return { ok: false, problems: [{ line: 1, message: "the file has a header but no groups" }] };
  const units = new Map((await listUnits(db.prisma, councilId)).map((u) => [u.code, u]));
  const problems: ImportProblem[] = [];
  const specs: GroupSpec[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const checked = checkGroupFields(
      {
        platform: values.platform ?? "",
        chatId: values.chatId ?? "",
        purpose: values.purpose ?? "",
        unitCode: values.unit || null,
        title: values.title || null,
      },
      units,
    );
    if (!checked.ok) {
      for (const message of checked.problems) problems.push({ line, message });
      continue;
    }
    const key = `${checked.spec.platform}:${checked.spec.externalId}`;
    const existing = await findChat(db.prisma, checked.spec.platform, checked.spec.externalId);
    if (belongsElsewhere(existing, councilId)) problems.push({ line, message: ELSEWHERE });
    else if (
      options.mayChangeGuarded === false &&
      isGuardedChange(checked.spec.purpose, existing?.councilId === councilId ? existing.purpose : null)
    )
      problems.push({
        line,
        message: "only an administrator (or the CLI) registers or changes the standing committee's or the announcement group",
      });
    if (seen.has(key)) problems.push({ line, message: `duplicate group ${checked.spec.externalId} (also on line ${seen.get(key)})` });
    else seen.set(key, line);
    specs.push(checked.spec);
  }
  if (problems.length > 0) return { ok: false, problems };
  return db.transaction(async (tx) => {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const spec of specs) {
      const { previous } = await registerOne(tx, councilId, spec, now, actorLabel, options.announce);
      if (previous) counts.updated++;
      else counts.created++;
    }
    await audit(tx, { councilId, actorLabel, action: "group.import", entityType: "chat", detail: counts });
    return { ok: true as const, ...counts };
  });
}
