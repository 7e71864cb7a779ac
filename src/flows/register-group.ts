/** /dangky in a group: the office says what the group is for, and which unit it belongs to. */
import { audit } from "../db/audit.js";
import { registerGroup } from "../db/chats.js";
import { findUnitById, listUnits, type UnitRow } from "../db/units.js";
import { groups } from "../i18n/vi/directory.js";
import type { FlowDefinition, PromptChoice, StepOutcome } from "./types.js";
import { pageFromChoice, unitIdFromChoice, unitPage } from "./pick-unit.js";
import { searchUnits } from "../core/directory/unit-search.js";
import { capabilitiesOf } from "../messaging/platform.js";

interface Data {
  purpose?: string;
  page?: number;
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

function finish(ctx: Parameters<FlowDefinition["start"]>[0], purpose: string, unit: UnitRow | null): StepOutcome<Data> {
  const actor = ctx.actor!;
  const chat = ctx.chat;
  const message = groups.registered(purpose, unit?.name ?? null);
  return {
    kind: "end",
    effect: async (tx) => {
      const { previous } = await registerGroup(tx, {
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
      const can = capabilitiesOf(chat.platform);
      if (can.pin === "message" && can.pinNeedsAdminRight && chat.canPin !== true) ctx.reply(groups.pinHint());
    },
  };
}

export const registerGroupFlow: FlowDefinition<Data> = {
  name: "register-group",
  title: groups.flowTitle,
  privateOnly: false,
  async start(ctx) {
    return { kind: "next", step: "purpose", data: {}, prompt: { text: groups.askPurpose(ctx.chat.title), choices: PURPOSES } };
  },
  async step(ctx, step, data, input) {
    if (step === "purpose") {
      const purpose = input.type === "choice" ? input.value : "";
      if (purpose === "announce" || purpose === "standing" || purpose === "office") return finish(ctx, purpose, null);
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
      if (unit) return finish(ctx, purpose, unit);
    }
    if (input.type === "text") {
      const found = searchUnits(units, input.text);
      if (found.length === 1) return finish(ctx, purpose, found[0]!);
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
