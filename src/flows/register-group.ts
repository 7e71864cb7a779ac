/**
 * /dangky in a group: the office says what the group is for, and which unit it belongs to. The standing
 * committee's group and the announcement group are guarded (core/directory/group-guard.ts): only an admin
 * registers or changes them, after a confirmation, and the change is announced. A chat registered to
 * another council is never moved.
 */
import { audit } from "../db/audit.js";
import { registerGroup } from "../db/chats.js";
import { findUnitById, listUnits, type UnitRow } from "../db/units.js";
import { groups } from "../i18n/vi/directory.js";
import type { FlowDefinition, PromptChoice, StepOutcome } from "./types.js";
import { pageFromChoice, unitIdFromChoice, unitPage } from "./pick-unit.js";
import { searchUnits } from "../core/directory/unit-search.js";
import { capabilitiesOf } from "../messaging/platform.js";
import { announceGroupChange, belongsElsewhere, isGuardedChange } from "../core/directory/group-guard.js";
import { access } from "../i18n/vi/access.js";

interface Data {
  purpose?: string;
  page?: number;
  /** the unit chosen, waiting for the confirmation */
  unitId?: number | null;
}

const PURPOSES: PromptChoice[][] = [
  [{ label: groups.purposeUnit, value: "unit", synonyms: ["xa", "phuong", "don vi"] }],
  [{ label: groups.purposeAnnounce, value: "announce", synonyms: ["thong bao"] }],
  [{ label: groups.purposeStanding, value: "standing", synonyms: ["thuong truc"] }],
  [{ label: groups.purposeCommittee, value: "committee", synonyms: ["ban"] }],
  [{ label: groups.purposeOffice, value: "office", synonyms: ["van phong"] }],
];

async function unitsFor(ctx: Parameters<FlowDefinition["start"]>[0], purpose: string): Promise<UnitRow[]> {
  const all = await listUnits(ctx.db.prisma, ctx.actor!.councilId, { activeOnly: true });
  return purpose === "committee" ? all.filter((u) => u.kind === "committee") : all.filter((u) => u.kind !== "committee");
}

function askUnit(units: UnitRow[], purpose: string, page: number, data: Data): StepOutcome<Data> {
  const { choices, pages } = unitPage(units, page, groups.morePage);
  return {
    kind: "next",
    step: "unit",
    data: { ...data, purpose, page },
    prompt: {
      text: purpose === "committee" ? groups.askCommittee() : groups.askUnit((page % pages) + 1, pages),
      choices,
      acceptsText: true,
    },
  };
}

/** The chat's current registration in this council (null when unregistered). */
const currentPurpose = (ctx: Parameters<FlowDefinition["start"]>[0]): string | null =>
  ctx.chat.councilId === ctx.actor!.councilId ? ctx.chat.purpose : null;

/** A guarded change asks once; the others are done at once. */
function finishOrConfirm(
  ctx: Parameters<FlowDefinition["start"]>[0],
  purpose: string,
  unit: UnitRow | null,
  data: Data,
): StepOutcome<Data> {
  if (!isGuardedChange(purpose, currentPurpose(ctx))) return finish(ctx, purpose, unit);
  return {
    kind: "next",
    step: "confirm",
    data: { ...data, purpose, unitId: unit?.id ?? null },
    prompt: {
      text: access.confirmRegister(ctx.chat.title, purpose, currentPurpose(ctx)),
      choices: [
        [{ label: access.confirmYes, value: "yes", synonyms: ["co", "xac nhan", "dong y"] }],
        [{ label: access.confirmNo, value: "no", synonyms: ["khong", "huy"] }],
      ],
    },
  };
}

function finish(ctx: Parameters<FlowDefinition["start"]>[0], purpose: string, unit: UnitRow | null): StepOutcome<Data> {
  const actor = ctx.actor!;
  const chat = ctx.chat;
  const guarded = isGuardedChange(purpose, currentPurpose(ctx));
  const message = groups.registered(purpose, unit?.name ?? null);
  return {
    kind: "end",
    effect: async (tx) => {
      const { chat: registered, previous } = await registerGroup(tx, {
        councilId: actor.councilId,
        platform: chat.platform,
        externalId: chat.externalId,
        purpose,
        unitId: unit?.id ?? null,
        title: chat.title,
        registeredById: actor.memberId,
        now: ctx.now,
      });
      await audit(tx, {
        councilId: actor.councilId,
        actorId: actor.memberId,
        actorLabel: `${chat.platform}:${ctx.event.user.id}`,
        action: "group.register",
        entityType: "chat",
        entityId: chat.id,
        detail: { purpose, unitId: unit?.id ?? null, previous },
      });
      if (previous && (previous.purpose !== purpose || previous.unitId !== (unit?.id ?? null))) {
        const oldUnit = previous.unitId ? ((await findUnitById(tx, previous.unitId))?.name ?? null) : null;
        ctx.reply(groups.reregistered(previous.purpose ?? "", oldUnit));
      }
      ctx.reply(message);
      if (guarded)
        await announceGroupChange(tx, {
          councilId: actor.councilId,
          chat: registered,
          purpose,
          previous: previous?.purpose ?? null,
          by: `đồng chí ${actor.fullName}`,
          now: ctx.now,
          key: `${ctx.event.eventKey}:group-change`,
          timezone: ctx.services.config.timezone,
          operatorChat: ctx.services.config.operatorChat,
        });
      const can = capabilitiesOf(chat.platform);
      if (can.pin === "message" && can.pinNeedsAdminRight && chat.canPin !== true) ctx.reply(groups.pinHint());
    },
  };
}

/** Which guarded registration the refusal names: the one asked for, or the one the chat has now. */
const GUARDED_OR = (purpose: string, current: string | null): string =>
  purpose === "standing" || purpose === "announce" ? purpose : (current ?? purpose);

export const registerGroupFlow: FlowDefinition<Data> = {
  name: "register-group",
  title: groups.flowTitle,
  privateOnly: false,
  async start(ctx) {
    if (belongsElsewhere(ctx.chat, ctx.actor!.councilId)) return { kind: "end", messages: [access.registeredElsewhere()] };
    return { kind: "next", step: "purpose", data: {}, prompt: { text: groups.askPurpose(ctx.chat.title), choices: PURPOSES } };
  },
  async step(ctx, step, data, input) {
    if (step === "confirm") {
      const purpose = data.purpose ?? "unit";
      if (input.type !== "choice" || input.value !== "yes") return { kind: "end", messages: [access.registerCancelled()] };
      // Checked again: the chat may have been registered elsewhere, or the person's role changed, meanwhile.
      if (belongsElsewhere(ctx.chat, ctx.actor!.councilId)) return { kind: "end", messages: [access.registeredElsewhere()] };
      if (ctx.actor!.role !== "admin") return { kind: "end", messages: [access.registerNeedsAdmin(purpose)] };
      const unit = data.unitId ? ((await unitsFor(ctx, purpose)).find((u) => u.id === data.unitId) ?? null) : null;
      return finish(ctx, purpose, unit);
    }
    if (step === "purpose") {
      const purpose = input.type === "choice" ? input.value : "";
      const current = currentPurpose(ctx);
      if (isGuardedChange(purpose, current) && ctx.actor!.role !== "admin")
        return { kind: "end", messages: [access.registerNeedsAdmin(GUARDED_OR(purpose, current))] };
      if (purpose === "announce" || purpose === "standing" || purpose === "office") return finishOrConfirm(ctx, purpose, null, data);
      const units = await unitsFor(ctx, purpose);
      if (units.length === 0) return { kind: "end", messages: [purpose === "committee" ? groups.noCommittees() : groups.noUnits()] };
      return askUnit(units, purpose, 0, data);
    }
    // step "unit"
    const purpose = data.purpose ?? "unit";
    const units = await unitsFor(ctx, purpose);
    if (input.type === "choice") {
      const page = pageFromChoice(input.value);
      if (page !== null) return askUnit(units, purpose, page, data);
      const unit = units.find((u) => u.id === unitIdFromChoice(input.value));
      if (unit) return finishOrConfirm(ctx, purpose, unit, data);
    }
    if (input.type === "text") {
      const found = searchUnits(units, input.text);
      if (found.length === 1) return finishOrConfirm(ctx, purpose, found[0]!, data);
      if (found.length > 1 && found.length <= 12) {
        const choices: PromptChoice[][] = found.map((u) => [{ label: u.name, value: `u${u.id}` }]);
        return { kind: "next", step: "unit", data, prompt: { text: groups.severalUnits(input.text), choices, acceptsText: true } };
      }
      const again = askUnit(units, purpose, data.page ?? 0, data);
      if (again.kind === "next") again.before = [groups.unitNotFound(input.text)];
      return again;
    }
    return askUnit(units, purpose, data.page ?? 0, data);
  },
};
