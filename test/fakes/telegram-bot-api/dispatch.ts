/**
 * One Bot API call from parameters to outcome, independent of HTTP (also used for methods found
 * in webhook answers). Order: method lookup (404), scripted failures (failNext), random faults
 * (reset / 5xx before delivery), the handler (400/403/429 or success), a 5xx after delivery.
 * Every error answer is counted in the stats here.
 */
import { Described, type CallContext, type Handler } from "./call-context.js";
import { errorBodyFor } from "./faults.js";
import { BOT_METHODS } from "./methods-bot.js";
import { CHAT_METHODS } from "./methods-chats.js";
import { MESSAGE_METHODS } from "./methods-messages.js";
import { ApiError, checkWellFormedParams, type Params } from "./params.js";
import type { FakeState } from "./state.js";
import type { TgErrorBody } from "./types.js";

export type DispatchOutcome =
  | { kind: "ok"; result: unknown; description?: string }
  | { kind: "error"; body: TgErrorBody }
  | { kind: "reset" };

const REGISTRY = new Map<string, { name: string; handler: Handler }>();
for (const table of [BOT_METHODS, CHAT_METHODS, MESSAGE_METHODS]) {
  for (const [name, handler] of Object.entries(table)) REGISTRY.set(name.toLowerCase(), { name, handler });
}

/** Names of the methods the fake implements. */
export function supportedMethods(): string[] {
  return [...REGISTRY.values()].map((e) => e.name);
}

function chatKeyOf(params: Params): string | undefined {
  const raw = params.raw("chat_id");
  return raw === undefined || raw === null ? undefined : String(raw).trim();
}

function countError(state: FakeState, body: TgErrorBody, chatKey: string | undefined): void {
  const s = state.stats;
  if (body.error_code === 429) {
    s.rateLimited429++;
    const key = chatKey ?? "";
    s.rateLimitedByChat[key] = (s.rateLimitedByChat[key] ?? 0) + 1;
  } else if (body.error_code === 403) s.forbidden403++;
  else if (body.error_code === 400 && body.parameters?.migrate_to_chat_id !== undefined) s.migrated400++;
  else if (body.error_code >= 500) s.injected5xx++;
  else if (body.error_code >= 400 && body.error_code !== 404) s.badRequests++;
}

export async function dispatch(
  state: FakeState,
  method: string,
  params: Params,
  requestId: number,
  signal?: AbortSignal,
): Promise<DispatchOutcome> {
  state.stats.requests++;
  const entry = REGISTRY.get(method.toLowerCase());
  if (!entry) return { kind: "error", body: { error_code: 404, description: "Not Found" } };
  const byMethod = state.stats.byMethod;
  byMethod[entry.name] = (byMethod[entry.name] ?? 0) + 1;
  const chatKey = chatKeyOf(params);

  const scripted = state.faults.takeScripted(entry.name, chatKey);
  if (scripted !== undefined) {
    if (scripted === "reset") {
      state.stats.resets++;
      return { kind: "reset" };
    }
    const body = typeof scripted === "number" ? errorBodyFor(scripted) : scripted;
    countError(state, body, chatKey);
    return { kind: "error", body };
  }

  const decision = state.faults.decide(entry.name, chatKey ?? "");
  if (decision.kind === "reset") {
    state.stats.resets++;
    return { kind: "reset" };
  }
  if (decision.kind === "error" && !decision.afterDelivery) {
    countError(state, decision.body, chatKey);
    return { kind: "error", body: decision.body };
  }

  const ctx: CallContext = { state, params, method: entry.name, requestId };
  if (signal) ctx.signal = signal;
  try {
    checkWellFormedParams(params);
    const value = await entry.handler(ctx);
    if (decision.kind === "error") {
      state.stats.injected5xxAfterDelivery++;
      countError(state, decision.body, chatKey);
      return { kind: "error", body: decision.body };
    }
    if (value instanceof Described) return { kind: "ok", result: value.result, description: value.description };
    return { kind: "ok", result: value };
  } catch (err) {
    if (err instanceof ApiError) {
      const body = err.toBody();
      countError(state, body, chatKey);
      return { kind: "error", body };
    }
    // a bug in the fake: answer like Telegram's internal error, but make it visible
    console.error(`fake Telegram Bot API: ${entry.name} crashed`, err);
    return { kind: "error", body: { error_code: 500, description: "Internal Server Error" } };
  }
}
