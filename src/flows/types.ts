/**
 * Guided conversations, written once for every platform. A step says what it asks (text, choices, whether
 * files are welcome) and handles what the person gave; the adapter decides how choices look (buttons on
 * Telegram, a numbered list on Zalo). Typed answers are matched to choices by number or by words, so the
 * same flow works with and without buttons.
 */
import type { Tx } from "../db/client.js";
import type { IncomingFile } from "../messaging/events.js";
import type { OutboundMessage } from "../messaging/outbound.js";
import type { SafeHtml } from "../text/html.js";
import type { BotContext } from "../bot/context.js";
import type { UserEvent } from "../messaging/events.js";

export type FlowInput =
  | { type: "text"; text: string }
  | { type: "choice"; value: string }
  | { type: "file"; file: IncomingFile; caption?: string }
  | { type: "unsupported"; what: string };

export interface PromptChoice {
  label: string;
  /** what the step receives; short (it travels in Telegram's 64-byte callback data) */
  value: string;
  /** extra words that select this choice when typed */
  synonyms?: string[];
}

export interface Prompt {
  text: SafeHtml | string;
  /** rows of choices */
  choices?: PromptChoice[][];
  /** typed text that matches no choice goes to the step instead of a "please choose" hint */
  acceptsText?: boolean;
}

export type StepOutcome<D> =
  | {
      kind: "next";
      step: string;
      data: D;
      prompt: Prompt;
      /** messages to send before the prompt */
      before?: (OutboundMessage | SafeHtml)[];
      /** a change to commit together with the new state and the replies */
      effect?: (tx: Tx) => Promise<void>;
    }
  | { kind: "end"; messages?: (OutboundMessage | SafeHtml)[]; effect?: (tx: Tx) => Promise<void> };

export type FlowContext = BotContext<UserEvent>;

export interface FlowDefinition<D = unknown> {
  name: string;
  /** what the person is doing, in Vietnamese, for "abandon X?" and expiry messages */
  title: string;
  /** flows that talk in private chat; false for group flows such as registering a group */
  privateOnly: boolean;
  start(ctx: FlowContext, args: string): Promise<StepOutcome<D>>;
  step(ctx: FlowContext, step: string, data: D, input: FlowInput): Promise<StepOutcome<D>>;
}
