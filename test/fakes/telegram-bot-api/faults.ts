/**
 * Fault injection: scripted failures (`failNext`), per-chat faults (403, migration) and random
 * faults (5xx, connection resets) that are reproducible.
 *
 * How random faults are decided: every faultable call to a chat is that chat's k-th attempt
 * (k = 0, 1, 2...). The decision for attempt k is a pure hash of (seed, chat id, k), so a run with
 * the same seed and the same sequence of calls per chat gets the same faults, whatever order
 * concurrent calls to different chats arrive in. Three independent draws come from that hash:
 * reset? (resetRate), 5xx? (serverErrorRate; then which code, and whether after delivery).
 */
import type { FaultOptions, TgErrorBody } from "./types.js";

export const SENDING_METHODS = ["sendMessage", "sendDocument", "sendPhoto", "sendMediaGroup"] as const;

export const DEFAULT_FAULTS: FaultOptions = {
  seed: 1,
  serverErrorRate: 0,
  serverErrorCodes: [500, 502],
  serverErrorAfterDeliveryRate: 0,
  resetRate: 0,
  methods: [...SENDING_METHODS],
  forbiddenChats: [],
  migratedChats: {},
};

/** What a scripted failure does: a Telegram error body, a bare HTTP status, or "reset" (destroy the socket). */
export type ScriptedFailure = TgErrorBody | number | "reset";

export interface FailNextOptions {
  /** Only calls to this chat (chat_id as the bot sends it) are failed. */
  chatId?: number | string;
}

export type FaultDecision = { kind: "none" } | { kind: "reset" } | { kind: "error"; body: TgErrorBody; afterDelivery: boolean };

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusText(code: number): string {
  return STATUS_TEXT[code] ?? "Error";
}

/** A Telegram-shaped error body for a bare status code. */
export function errorBodyFor(code: number): TgErrorBody {
  if (code === 429) {
    return { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
  }
  return { error_code: code, description: statusText(code) };
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform number in [0, 1) from (seed, key hash, attempt, salt). */
export function hashUniform(seed: number, keyHash: number, attempt: number, salt: number): number {
  let h = mix32((seed | 0) ^ 0x9e3779b9);
  h = mix32(h ^ keyHash);
  h = mix32(h ^ (attempt | 0));
  h = mix32(h ^ Math.imul(salt, 0x27d4eb2d));
  return h / 4294967296;
}

interface Scripted {
  method: string;
  remaining: number;
  failure: ScriptedFailure;
  chatKey?: string;
}

export class Faults {
  private opts: FaultOptions = { ...DEFAULT_FAULTS };
  private methods = new Set<string>(DEFAULT_FAULTS.methods.map((m) => m.toLowerCase()));
  private readonly attempts = new Map<string, number>();
  private readonly keyHashes = new Map<string, number>();
  private scripted: Scripted[] = [];
  /** Chat ids (as strings) answering 403. */
  readonly forbidden = new Set<string>();
  /** Old chat id (string) -> new chat id. */
  readonly migrated = new Map<string, number>();

  constructor(options?: Partial<FaultOptions>) {
    this.configure(options ?? {});
  }

  get settings(): FaultOptions {
    return {
      ...this.opts,
      forbiddenChats: [...this.forbidden],
      migratedChats: Object.fromEntries(this.migrated),
    };
  }

  /** Merges `partial` over the current settings. A new seed restarts the per-chat attempt counters. */
  configure(partial: Partial<FaultOptions>): void {
    const seedChanged = partial.seed !== undefined && partial.seed !== this.opts.seed;
    this.opts = { ...this.opts, ...partial };
    this.methods = new Set(this.opts.methods.map((m) => m.toLowerCase()));
    if (partial.forbiddenChats) {
      this.forbidden.clear();
      for (const id of partial.forbiddenChats) this.forbidden.add(String(id));
    }
    if (partial.migratedChats) {
      this.migrated.clear();
      for (const [from, to] of Object.entries(partial.migratedChats)) this.migrated.set(String(from), Number(to));
    }
    if (seedChanged) this.attempts.clear();
  }

  /** Back to the defaults, no scripted failures, no per-chat faults. */
  reset(initial: Partial<FaultOptions>): void {
    this.opts = { ...DEFAULT_FAULTS };
    this.forbidden.clear();
    this.migrated.clear();
    this.scripted = [];
    this.attempts.clear();
    this.configure(initial);
  }

  failNext(method: string, n: number, failure: ScriptedFailure, options: FailNextOptions = {}): void {
    const entry: Scripted = { method: method.toLowerCase(), remaining: n, failure };
    if (options.chatId !== undefined) entry.chatKey = String(options.chatId);
    this.scripted.push(entry);
  }

  /** Consumes and returns the first scripted failure that matches this call, if any. */
  takeScripted(method: string, chatKey: string | undefined): ScriptedFailure | undefined {
    if (this.scripted.length === 0) return undefined;
    const m = method.toLowerCase();
    const idx = this.scripted.findIndex((s) => s.method === m && (s.chatKey === undefined || s.chatKey === chatKey));
    if (idx < 0) return undefined;
    const s = this.scripted[idx]!;
    s.remaining--;
    if (s.remaining <= 0) this.scripted.splice(idx, 1);
    return s.failure;
  }

  appliesTo(method: string): boolean {
    return this.methods.has(method.toLowerCase());
  }

  /** The random decision for this call (advances the chat's attempt counter). */
  decide(method: string, chatKey: string): FaultDecision {
    const o = this.opts;
    if (!this.appliesTo(method) || (o.resetRate <= 0 && o.serverErrorRate <= 0)) return { kind: "none" };
    const attempt = this.attempts.get(chatKey) ?? 0;
    this.attempts.set(chatKey, attempt + 1);
    let keyHash = this.keyHashes.get(chatKey);
    if (keyHash === undefined) {
      keyHash = fnv1a(chatKey);
      this.keyHashes.set(chatKey, keyHash);
    }
    if (o.resetRate > 0 && hashUniform(o.seed, keyHash, attempt, 1) < o.resetRate) return { kind: "reset" };
    if (o.serverErrorRate > 0 && hashUniform(o.seed, keyHash, attempt, 2) < o.serverErrorRate) {
      const codes = o.serverErrorCodes.length > 0 ? o.serverErrorCodes : [500];
      const code = codes[Math.floor(hashUniform(o.seed, keyHash, attempt, 3) * codes.length)]!;
      const afterDelivery = hashUniform(o.seed, keyHash, attempt, 4) < o.serverErrorAfterDeliveryRate;
      return { kind: "error", body: { error_code: code, description: statusText(code) }, afterDelivery };
    }
    return { kind: "none" };
  }
}
