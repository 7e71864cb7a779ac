/**
 * The demo council as the sandbox starts it: thị xã Đức Phổ's 15 communes and wards (the demo seed), a
 * vice-chair for each, a group per unit, the standing committee's group and the office's group. The office
 * clerk and a standing-committee member are linked already (someone must publish and receive); each
 * vice-chair links with the one-time code the sandbox shows, as a real one would with the office's invite.
 *
 * The sandbox's clock starts shortly after the seed notice was issued (early May 2022), so its deadline
 * ("trong tháng 5/2022") lies ahead, as it did for the communes.
 */
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import { listMembers, upsertMember } from "../../db/members.js";
import { listUnits } from "../../db/units.js";
import { findCouncil } from "../../db/councils.js";
import { addGroup } from "../../core/directory/groups.js";
import { createInvite, redeemInvite } from "../../core/invites.js";
import { DEMO_COUNCIL, seedDemo } from "../../core/directory/demo-seed.js";
import { serverSecret } from "../../files/server-secret.js";
import { atLocal } from "../../domain/time/vietnam-time.js";
import { escapeHtml } from "../../text/html.js";
import { sandboxTexts as t, sandboxViceChairs } from "../../i18n/vi/sandbox.js";
import { sandboxCapabilities } from "./capabilities.js";
import type { SandboxClock } from "./clock.js";
import type { Persona, SandboxStore } from "./store.js";

const PLATFORM = sandboxCapabilities.name;
/** The sandbox's first morning: Thursday 5 May 2022, 08:00, a few days after the seed notice. */
export const SANDBOX_START_DATE = "2022-05-05";
export const SANDBOX_START_TIME = "08:00";

export const OFFICE_PERSONA = "vanphong";
export const STANDING_PERSONA = "thuongtruc";
export const STANDING_GROUP = "g-THUONG_TRUC";
export const OFFICE_GROUP = "g-VAN_PHONG";
export const groupOf = (unitCode: string): string => `g-${unitCode}`;
export const privateChatOf = (personaId: string): string => `u-${personaId}`;
export const viceChairPersona = (unitCode: string): string => `pct-${unitCode.toLowerCase().replace(/_/g, "-")}`;

const ACTOR = "sandbox";
/** Training runs over weeks of sandbox time: the codes must outlive a jump to the deadline. */
const INVITE_TTL_DAYS = 365;

export async function seedSandbox(db: Database, config: Config, store: SandboxStore, clock: SandboxClock): Promise<void> {
  clock.jumpTo(atLocal(SANDBOX_START_DATE, SANDBOX_START_TIME, config.timezone));
  const now = clock.now();
  await seedDemo(db, config.timezone, ACTOR);
  const lookup = await findCouncil(db.prisma, DEMO_COUNCIL.code);
  if (!lookup.ok) throw new Error("the sandbox's demo council was not created");
  const councilId = lookup.council.id;
  const units = (await listUnits(db.prisma, councilId)).filter((u) => u.kind === "commune" || u.kind === "ward");
  // A vice-chair for every unit: the demo names three, the sandbox names the others.
  await db.transaction(async (tx) => {
    for (const u of units) {
      const name = sandboxViceChairs[u.code];
      if (name)
        await upsertMember(tx, councilId, {
          code: `SB_${u.code}`,
          fullName: name,
          role: "vice_chair",
          unitId: u.id,
          title: t.viceChairTitle(u.name),
          phone: null,
          email: null,
        });
    }
  });
  const members = await listMembers(db.prisma, councilId);
  const byCode = new Map(members.map((m) => [m.code, m]));
  const secret = serverSecret(config);
  const invite = async (memberId: number, role: string, unitCode: string | null = null) => {
    const r = await createInvite(db, { councilId, role, unitCode, memberId, ttlDays: INVITE_TTL_DAYS, now, actorLabel: ACTOR, secret });
    if (!r.ok) throw new Error(`sandbox invite refused: ${r.reason}`);
    return r.code;
  };

  const personas: Persona[] = [];
  const office = byCode.get("DEMO_VP1")!;
  const standing = byCode.get("DEMO_PCT")!;
  personas.push({
    id: OFFICE_PERSONA,
    name: office.fullName,
    title: office.title ?? t.roles.office,
    role: "office",
    unitCode: null,
    inviteCode: null,
    sort: 0,
  });
  personas.push({
    id: STANDING_PERSONA,
    name: standing.fullName,
    title: standing.title ?? t.roles.standing,
    role: "standing",
    unitCode: null,
    inviteCode: null,
    sort: 1,
  });
  for (const p of personas) {
    const code = await invite(p.id === OFFICE_PERSONA ? office.id : standing.id, p.role);
    const linked = await redeemInvite(db, {
      code,
      platform: PLATFORM,
      platformUserId: p.id,
      displayName: p.name,
      now,
      secret,
      maxFailures: config.inviteMaxFailures,
    });
    if (!linked.ok) throw new Error(`sandbox persona ${p.id} could not be linked: ${linked.reason}`);
  }
  units.forEach((u, i) => {
    personas.push({
      id: viceChairPersona(u.code),
      name: "",
      title: t.viceChairTitle(u.name),
      role: "vice_chair",
      unitCode: u.code,
      inviteCode: null,
      sort: 10 + i,
    });
  });
  for (const p of personas.filter((x) => x.role === "vice_chair")) {
    const unit = units.find((u) => u.code === p.unitCode)!;
    const member = members.find((m) => m.role === "vice_chair" && m.unitId === unit.id)!;
    p.name = member.fullName;
    p.inviteCode = await invite(member.id, "vice_chair", unit.code);
  }

  // The groups, registered as the office would with /dangky.
  const groups: { id: string; title: string; purpose: string; unitCode: string | null; members: string[] }[] = [
    { id: STANDING_GROUP, title: t.standingGroup, purpose: "standing", unitCode: null, members: [STANDING_PERSONA, OFFICE_PERSONA] },
    { id: OFFICE_GROUP, title: t.officeGroup, purpose: "office", unitCode: null, members: [OFFICE_PERSONA] },
    ...units.map((u) => ({
      id: groupOf(u.code),
      title: t.groupTitle(u.name),
      purpose: "unit",
      unitCode: u.code,
      members: [OFFICE_PERSONA, viceChairPersona(u.code)],
    })),
  ];
  for (const g of groups) {
    const r = await addGroup(
      db,
      councilId,
      { platform: PLATFORM, chatId: g.id, purpose: g.purpose, unitCode: g.unitCode, title: g.title },
      ACTOR,
      now,
    );
    if (!r.ok) throw new Error(`sandbox group ${g.id} refused: ${r.problems.join("; ")}`);
  }

  for (const p of personas) store.addPersona(p);
  for (const [i, g] of groups.entries()) store.addChat({ id: g.id, kind: "group", title: g.title, sort: i }, g.members);
  for (const p of personas) store.addChat({ id: privateChatOf(p.id), kind: "private", title: t.privateChatTitle, sort: 0 }, [p.id]);
  // The sandbox's own notes (not the bot's): what each persona starts with.
  store.addMessage({ chatId: privateChatOf(OFFICE_PERSONA), sender: "system", html: escapeHtml(t.officeNote), at: now });
  store.addMessage({ chatId: privateChatOf(STANDING_PERSONA), sender: "system", html: escapeHtml(t.standingNote), at: now });
  for (const p of personas)
    if (p.inviteCode) {
      const unit = units.find((u) => u.code === p.unitCode)!;
      store.addMessage({
        chatId: privateChatOf(p.id),
        sender: "system",
        html: escapeHtml(t.inviteNote(p.name, unit.name.charAt(0).toLowerCase() + unit.name.slice(1), p.inviteCode)),
        at: now,
      });
    }
  store.setMeta("seeded", now.toISOString());
}
