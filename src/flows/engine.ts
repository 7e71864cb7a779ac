/**
 * Runs guided conversations: keeps their state in the database (a restart resumes at the same step with
 * everything entered), one flow per person, 24 hours of idleness before it expires, stale buttons detected
 * by a nonce (kept while a step is asked again with the same buttons), two devices guarded by a revision check.
 */
import { randomBytes } from "node:crypto";
import type { Tx } from "../db/client.js";
import { deleteConversation, deleteIfUnchanged, findConversation, saveConversation, type ConversationRow } from "../db/conversations.js";
import type { Choice } from "../messaging/outbound.js";
import { capabilitiesOf } from "../messaging/platform.js";
import { html, SafeHtml } from "../text/html.js";
import { foldVietnamese } from "../text/fold.js";
import { common } from "../i18n/vi/common.js";
import type { FlowContext, FlowDefinition, FlowInput, Prompt, PromptChoice, StepOutcome } from "./types.js";

export const FLOW_TTL_MS = 24 * 60 * 60 * 1000;
const CHOICE_PREFIX = "f";

interface StoredState {
  data: unknown;
  prompt: { nonce: string; choices: PromptChoice[][] | null; acceptsText: boolean };
  /** a flow the person asked to start while this one was open */
  pendingSwitch?: { command: string; args: string; flow: string };
}

export class ConcurrentAnswerError extends Error {
  constructor() {
    super("conversation changed concurrently");
    this.name = "ConcurrentAnswerError";
  }
}

export class FlowEngine {
  // biome-ignore lint/suspicious/noExplicitAny: each flow has its own data type
  private readonly flows = new Map<string, FlowDefinition<any>>();

  // biome-ignore lint/suspicious/noExplicitAny: each flow has its own data type
  constructor(flows: readonly FlowDefinition<any>[]) {
    for (const f of flows) this.flows.set(f.name, f);
  }

  get(name: string): FlowDefinition<unknown> | undefined {
    return this.flows.get(name);
  }

  async current(ctx: FlowContext): Promise<ConversationRow | null> {
    const row = await findConversation(ctx.db.prisma, ctx.event.user.platform, ctx.event.user.id);
    if (!row) return null;
    if (row.expiresAt.getTime() <= ctx.now.getTime()) {
      await deleteConversation(ctx.db.prisma, row.platform, row.platformUserId);
      ctx.reply(common.flowExpired(this.flows.get(row.flow)?.title ?? row.flow));
      return null;
    }
    return row;
  }

  /**
   * Starts a flow. When another is open, asks first; `onSwitch` re-runs the command that asked.
   * @returns false if the person was asked to confirm abandoning another flow
   */
  async start(ctx: FlowContext, flowName: string, args: string, command: string): Promise<boolean> {
    const flow = this.flows.get(flowName);
    if (!flow) throw new Error(`unknown flow ${flowName}`);
    const existing = await this.current(ctx);
    if (existing) {
      const state = parseState(existing);
      const nonce = newNonce();
      state.pendingSwitch = { command, args, flow: flowName };
      state.prompt = {
        nonce,
        acceptsText: false,
        choices: [[{ label: common.switchKeep(), value: "~keep" }], [{ label: common.switchAbandon(), value: "~switch" }]],
      };
      await ctx.commit(async (tx) => {
        await this.save(tx, ctx, existing.flow, existing.step, state, existing.revision, existing.chatExternalId);
        this.prompt(
          ctx,
          { text: common.switchFlow(this.flows.get(existing.flow)?.title ?? existing.flow, flow.title), choices: state.prompt.choices! },
          nonce,
        );
      });
      return false;
    }
    const outcome = await flow.start(ctx, args);
    await this.apply(ctx, flow, outcome, null);
    return true;
  }

  /** Handles an answer; false when the person has no flow open in this chat (the caller decides). */
  async input(ctx: FlowContext, input: FlowInput | { type: "choice-data"; data: string }): Promise<boolean> {
    const row = await this.current(ctx);
    if (!row) {
      if (input.type === "choice-data") ctx.answer(common.staleButton());
      return input.type === "choice-data";
    }
    if (row.chatExternalId !== ctx.event.chat.id) {
      if (input.type === "choice-data") {
        ctx.answer(common.staleButton());
        return true;
      }
      return false;
    }
    const flow = this.flows.get(row.flow);
    if (!flow) {
      await deleteConversation(ctx.db.prisma, row.platform, row.platformUserId);
      return false;
    }
    const state = parseState(row);
    let resolved: FlowInput;
    if (input.type === "choice-data") {
      const parsed = parseChoiceData(input.data);
      if (!parsed || parsed.nonce !== state.prompt.nonce) {
        ctx.answer(common.staleButton());
        return true;
      }
      resolved = { type: "choice", value: parsed.value };
    } else if (input.type === "text" && state.prompt.choices) {
      const match = matchTypedChoice(input.text, state.prompt.choices);
      if (match.kind === "choice") resolved = { type: "choice", value: match.value };
      else if (state.prompt.acceptsText && match.kind === "none") resolved = input;
      else {
        // One message: what was wrong, with the same choices (buttons on Telegram, the numbered list on Zalo).
        const hint = match.kind === "out_of_range" ? common.numberOutOfRange(match.typed, match.max) : common.chooseFromList();
        this.prompt(ctx, { text: hint, choices: state.prompt.choices, acceptsText: state.prompt.acceptsText }, state.prompt.nonce);
        await ctx.finish();
        return true;
      }
    } else {
      resolved = input;
    }

    if (state.pendingSwitch && resolved.type === "choice" && (resolved.value === "~keep" || resolved.value === "~switch")) {
      const pending = state.pendingSwitch;
      if (resolved.value === "~keep") {
        delete state.pendingSwitch;
        ctx.reply(common.keptCurrent(flow.title));
        // Show the step's question again so the person can go on.
        const restored = (state as StoredState & { lastPrompt?: Prompt }).lastPrompt;
        const nonce = newNonce();
        state.prompt = { nonce, choices: restored?.choices ?? null, acceptsText: restored?.acceptsText ?? true };
        await ctx.commit(async (tx) => {
          await this.save(tx, ctx, row.flow, row.step, state, row.revision, row.chatExternalId);
          if (restored) this.prompt(ctx, restored, nonce);
        });
        return true;
      }
      await deleteConversation(ctx.db.prisma, row.platform, row.platformUserId);
      const next = this.flows.get(pending.flow);
      if (!next) return true;
      const outcome = await next.start(ctx, pending.args);
      await this.apply(ctx, next, outcome, null);
      return true;
    }
    if (state.pendingSwitch) {
      // Any other answer while the switch question is open: ask again, in one message.
      this.prompt(ctx, { text: common.chooseFromList(), choices: state.prompt.choices! }, state.prompt.nonce);
      await ctx.finish();
      return true;
    }
    const outcome = await flow.step(ctx, row.step, state.data, resolved);
    await this.apply(ctx, flow, outcome, row);
    return true;
  }

  async cancel(ctx: FlowContext): Promise<string | null> {
    const row = await findConversation(ctx.db.prisma, ctx.event.user.platform, ctx.event.user.id);
    if (!row) return null;
    await ctx.commit((tx) => deleteConversation(tx, row.platform, row.platformUserId));
    return this.flows.get(row.flow)?.title ?? row.flow;
  }

  private async apply(
    ctx: FlowContext,
    flow: FlowDefinition<unknown>,
    outcome: StepOutcome<unknown>,
    row: ConversationRow | null,
  ): Promise<void> {
    const chatId = row?.chatExternalId ?? ctx.event.chat.id;
    if (outcome.kind === "end") {
      await ctx.commit(async (tx) => {
        if (outcome.effect) await outcome.effect(tx);
        for (const m of outcome.messages ?? []) ctx.reply(m);
        if (row && !(await deleteIfUnchanged(tx, row.id, row.revision))) throw new ConcurrentAnswerError();
      });
      return;
    }
    const choices = outcome.prompt.choices ?? null;
    const nonce = reusableNonce(row, outcome.step, choices) ?? newNonce();
    const state: StoredState & { lastPrompt?: Prompt } = {
      data: outcome.data,
      prompt: { nonce, choices, acceptsText: outcome.prompt.acceptsText ?? !outcome.prompt.choices },
      lastPrompt: { ...outcome.prompt, text: String(outcome.prompt.text) },
    };
    await ctx.commit(async (tx) => {
      if (outcome.effect) await outcome.effect(tx);
      for (const m of outcome.before ?? []) ctx.reply(m);
      await this.save(tx, ctx, flow.name, outcome.step, state, row?.revision ?? null, chatId);
      this.prompt(ctx, outcome.prompt, nonce);
    });
  }

  private async save(
    tx: Tx,
    ctx: FlowContext,
    flow: string,
    step: string,
    state: StoredState,
    revision: number | null,
    chatExternalId: string,
  ): Promise<void> {
    const ok = await saveConversation(
      tx,
      { platform: ctx.event.user.platform, platformUserId: ctx.event.user.id },
      { flow, step, chatExternalId, dataJson: JSON.stringify(state), expiresAt: new Date(ctx.now.getTime() + FLOW_TTL_MS), now: ctx.now },
      revision,
    );
    if (!ok) throw new ConcurrentAnswerError();
  }

  /**
   * Renders a prompt: text with choices as buttons; platforms without buttons add a numbered list. In a group
   * where the platform hands the bot plain text only as a reply to its own message (Telegram's privacy mode),
   * a step that waits for typed text asks for a reply (force reply, for this person only); with choices, that
   * request is a second message, as a message cannot carry both.
   */
  private prompt(ctx: FlowContext, prompt: Prompt, nonce: string, choicesOnly = false): void {
    // a plain-string prompt is text, escaped; only SafeHtml carries markup
    const shown: SafeHtml = prompt.text instanceof SafeHtml ? prompt.text : html`${prompt.text}`;
    const choices: Choice[][] | undefined = prompt.choices?.map((row) =>
      row.map((c) => ({ kind: "action" as const, label: c.label, data: choiceData(nonce, c.value) })),
    );
    if (choicesOnly && !choices) return;
    const text = choicesOnly && shown.value === "" ? html`${common.replyNumberHint()}` : shown;
    const acceptsText = prompt.acceptsText ?? !prompt.choices;
    const replyOnly = !ctx.isPrivate && acceptsText && capabilitiesOf(ctx.event.chat.platform).groupTextByReplyOnly;
    const e = ctx.event;
    const forceReply = {
      userId: e.user.id,
      name: e.user.displayName,
      ...(e.type === "text" || e.type === "command" ? { replyTo: e.messageId } : {}),
    };
    if (replyOnly && !choices) {
      ctx.reply({ kind: "text", text, forceReply });
      return;
    }
    ctx.reply({ kind: "text", text, ...(choices ? { choices } : {}) });
    if (replyOnly) ctx.reply({ kind: "text", text: common.typeAsReply(), forceReply });
  }
}

function parseState(row: ConversationRow): StoredState {
  const parsed = JSON.parse(row.dataJson) as Partial<StoredState>;
  return {
    data: parsed.data ?? {},
    prompt: parsed.prompt ?? { nonce: "", choices: null, acceptsText: true },
    ...(parsed.pendingSwitch ? { pendingSwitch: parsed.pendingSwitch } : {}),
    ...((parsed as { lastPrompt?: Prompt }).lastPrompt ? { lastPrompt: (parsed as { lastPrompt?: Prompt }).lastPrompt } : {}),
  } as StoredState;
}

/**
 * The token of the prompt on screen, when the flow asks the same step again with the same buttons (a line
 * added to a report, say). The person sees the earlier prompt until the new one arrives and presses its
 * buttons: those presses mean exactly what the new prompt's would, so they must not be refused as old.
 * A different step or different buttons get a new token, which retires the earlier prompt's buttons.
 */
function reusableNonce(row: ConversationRow | null, step: string, choices: PromptChoice[][] | null): string | null {
  if (!row || row.step !== step || !choices) return null;
  const previous = parseState(row);
  if (previous.pendingSwitch || !previous.prompt.nonce || !previous.prompt.choices) return null;
  const same = (a: PromptChoice[][]) => JSON.stringify(a.map((r) => r.map((c) => [c.label, c.value])));
  return same(previous.prompt.choices) === same(choices) ? previous.prompt.nonce : null;
}

const newNonce = (): string => randomBytes(3).toString("base64url");

export const choiceData = (nonce: string, value: string): string => `${CHOICE_PREFIX}:${nonce}:${value}`;

export function parseChoiceData(data: string): { nonce: string; value: string } | null {
  const m = /^f:([A-Za-z0-9_-]{4}):(.+)$/s.exec(data);
  return m ? { nonce: m[1]!, value: m[2]! } : null;
}

export const isFlowChoice = (data: string): boolean => data.startsWith(`${CHOICE_PREFIX}:`);

type TypedMatch = { kind: "choice"; value: string } | { kind: "out_of_range"; typed: string; max: number } | { kind: "none" };

/** "2", "2.", "số 2" pick the second choice; words pick a choice whose label or synonym they match. */
export function matchTypedChoice(typed: string, rows: PromptChoice[][]): TypedMatch {
  const flat = rows.flat();
  const folded = foldVietnamese(typed)
    .replace(/[.,;:!?)(]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const num = /^(?:so\s*)?(\d{1,3})$/.exec(folded);
  if (num) {
    const n = Number(num[1]);
    if (n >= 1 && n <= flat.length) return { kind: "choice", value: flat[n - 1]!.value };
    return { kind: "out_of_range", typed: num[1]!, max: flat.length };
  }
  if (!folded) return { kind: "none" };
  const exact = flat.filter((c) =>
    [c.label, ...(c.synonyms ?? [])].some(
      (w) =>
        foldVietnamese(w)
          .replace(/[.,;:!?)(]+/g, " ")
          .replace(/\s+/g, " ")
          .trim() === folded,
    ),
  );
  if (exact.length === 1) return { kind: "choice", value: exact[0]!.value };
  return { kind: "none" };
}
