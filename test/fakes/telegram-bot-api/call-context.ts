/** What a Bot API method handler gets and may return. */
import type { Params } from "./params.js";
import type { FakeState } from "./state.js";

export interface CallContext {
  state: FakeState;
  params: Params;
  /** The method name as called (e.g. "sendMessage"). */
  method: string;
  requestId: number;
  /** Aborted when the client goes away (used by long polling). */
  signal?: AbortSignal;
}

/** A successful result that also carries Telegram's optional `description` (setWebhook does this). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type Handler = (ctx: CallContext) => unknown;
