/**
 * Buttons that are not part of a flow (a notice's "Đã nhận", the standing committee's buttons on an urgent
 * issue) carry data "<prefix>:<args>"; modules register a handler per prefix.
 */
import type { BotContext } from "./context.js";
import type { UserEvent } from "../messaging/events.js";

export type ActionContext = BotContext<Extract<UserEvent, { type: "choice" }>>;

export interface ActionHandler {
  prefix: string;
  handle(ctx: ActionContext, args: string[]): Promise<void>;
}

export class ActionRegistry {
  private readonly handlers = new Map<string, ActionHandler>();

  constructor(handlers: readonly ActionHandler[]) {
    for (const h of handlers) {
      if (h.prefix === "f" || this.handlers.has(h.prefix)) throw new Error(`action prefix ${h.prefix} taken`);
      this.handlers.set(h.prefix, h);
    }
  }

  find(data: string): { handler: ActionHandler; args: string[] } | null {
    const [prefix, ...args] = data.split(":");
    const handler = prefix ? this.handlers.get(prefix) : undefined;
    return handler ? { handler, args } : null;
  }
}
