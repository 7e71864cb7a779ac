/**
 * The port between the application and a chat platform. A platform declares what it can do
 * (`PlatformCapabilities`, plain data known without connecting) and, when configured, runs as a
 * `ChatPlatform` (a sender for the outbox, its pacing, start and stop). The core, the flows and the outbox
 * ask these capabilities, never a platform's name: adding a platform is one folder under
 * `src/platforms/` and one line in `src/platforms/registry.ts`.
 *
 * The capabilities are registered once per process by the registry (the composition roots import it),
 * because the outbox splits text at enqueue time, in any process (the service, the CLI), whether or
 * not that platform is connected there.
 */
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { PlatformSender } from "../delivery/platform-sender.js";
import type { Clock } from "../domain/time/clock.js";
import type { Logger } from "../logging/logger.js";
import type { InboundEvent } from "./events.js";
import { createHash } from "node:crypto";

/** How people acknowledge a notice: a button under it, a reply ("đã nhận") or a reaction to it. */
export type AckMethod = "button" | "reply" | "reaction";

export interface PlatformCapabilities {
  /** the name stored with chats and identities ("telegram"); never compared outside the platform's folder */
  name: string;
  /** the platform's name as people say it */
  displayName: string;
  /** a sent message can be edited (an acknowledgement counter on the button, a closed menu) */
  edit: boolean;
  /** the bot can delete a message it sent, for this long after sending it (Telegram: 48 hours); null: never */
  deleteWindowMs: number | null;
  /** "message": a sent message can be pinned; "note": a pinned note stands in for it; "none": neither */
  pin: "message" | "note" | "none";
  /** the bot may pin only when a group's administrators give it the right (worth telling at /dangky) */
  pinNeedsAdminRight: boolean;
  /** choices appear as buttons under the message, or as a numbered list answered with the number */
  choices: "buttons" | "numbered";
  /** visible characters per text message and per file caption; the outbox splits longer ones */
  textLimit: number;
  captionLimit: number;
  /** how the HTML subset of outbound texts is shown: as HTML, as the platform's text styles, or as plain text */
  markup: "html" | "styles" | "plain";
  /** the kinds of file the bot can send (a document the platform cannot send goes as a link or not at all) */
  fileKinds: readonly ("document" | "photo")[];
  /** how people acknowledge a notice, in the order the notice should suggest them */
  ack: readonly AckMethod[];
  /** what a group id of this platform looks like, to check ids typed into the CLI or a CSV file */
  groupId: { pattern: RegExp; example: string };
  /**
   * In groups the bot receives plain text only as a reply to its own messages (Telegram's privacy mode, on by
   * default): a group step that waits for typed text asks for a reply (`forceReply`).
   */
  groupTextByReplyOnly: boolean;
}

/** Per-platform facts a running handler needs (deep links, downloads, menus). */
export interface PlatformInfo {
  /** a link that opens a private chat with the bot and sends `/start payload`, or null where none exists */
  deepLink(payload: string): string | null;
  /** whether choices appear as buttons (Telegram) or as a numbered list (Zalo) */
  buttons: boolean;
  /** largest file the bot may download from a user, in bytes */
  maxDownloadBytes: number;
  /** downloads a file a user sent, for reading notices */
  downloadFile?(fileId: string): Promise<Buffer>;
  /** shows a person the commands of their role in the platform's menu (best effort) */
  setCommandMenu?(privateChatId: string, commands: { command: string; description: string }[]): Promise<void>;
  /** the platform's name as people say it */
  displayName: string;
}

/** What an adapter hands its inbound events to (the dispatcher); a button press may get a short answer back. */
export interface InboundHandler {
  handle(event: InboundEvent): Promise<{ toast?: { text: string; alert: boolean; url?: string } }>;
}

/** The command menus a platform may show (Telegram's "/" menu); others ignore them. */
export interface CommandMenus {
  everyone: { command: string; description: string }[];
  groups: { command: string; description: string }[];
}

/** A configured, running platform, as the composition root sees it. */
export interface ChatPlatform {
  readonly capabilities: PlatformCapabilities;
  readonly info: PlatformInfo;
  /** turns outbox entries into platform calls; carries the platform's rate limits (`sender.limits`) */
  readonly sender: PlatformSender;
  /** calls in flight at once for this platform's outbox sender (1 = one message after another) */
  readonly concurrency: number;
  /**
   * Names the platform account in leases when several instances share a PostgreSQL database: a short hash of
   * the token or credentials (never the secret itself), the same in every instance.
   */
  readonly account: string;
  /**
   * "shared": every instance may receive (webhooks behind a load balancer); "exclusive": one instance at a
   * time (long polling, which the platform refuses to two callers; a personal account's single session).
   * The sender always runs in one instance per account.
   */
  readonly receiving: "shared" | "exclusive";
  /** starts receiving; a platform that cannot connect retries by itself unless the failure is final (a refused token) */
  start(inbound: InboundHandler, menus: CommandMenus): Promise<void>;
  stop(): Promise<void>;
}

/** What the composition root hands each platform module. */
export interface PlatformDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** wakes the outbox senders (a platform may write to the outbox itself, e.g. an alert) */
  notifyOutbox(): void;
  /** test-only replacements for this platform's parts (a fake API), typed by the platform itself */
  overrides?: unknown;
}

/** One platform of the build: what it can do, and how to run it when the config turns it on. */
export interface PlatformModule {
  readonly capabilities: PlatformCapabilities;
  /** the setting that turns it on, for the operator ("TELEGRAM_BOT_TOKEN") */
  readonly enabledBy: string;
  /** the running platform, or null when the config leaves it off (no token, not enabled) */
  create(deps: PlatformDeps): ChatPlatform | null;
}

const catalog = new Map<string, PlatformCapabilities>();

/** A short, stable, non-secret name for a platform account: a hash of its token or credentials file. */
export const accountKey = (secret: string): string => createHash("sha256").update(secret).digest("hex").slice(0, 12);

/** Called by `src/platforms/registry.ts`, once per platform the build knows. */
export function registerCapabilities(capabilities: PlatformCapabilities): void {
  catalog.set(capabilities.name, capabilities);
}

/** The platforms this build knows, in registry order. */
export function knownPlatforms(): PlatformCapabilities[] {
  return [...catalog.values()];
}

/** How people call a platform ("Zalo Bot"), for lists and messages; the stored name when unknown. */
export const displayNameOf = (platform: string): string => catalog.get(platform)?.displayName ?? platform;

/** A known platform's name, from what a person typed ("Telegram", "zalo_bot"); undefined when unknown. */
export function parsePlatformName(value: string): string | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return catalog.has(v) ? v : undefined;
}

/** A platform refused its settings for good (a bad token): start-up stops with this one line for the operator. */
export class PlatformConfigRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlatformConfigRefused";
  }
}

export class UnknownPlatformError extends Error {
  constructor(readonly platform: string) {
    super(`unknown chat platform "${platform}" (known: ${[...catalog.keys()].join(", ") || "none registered"})`);
    this.name = "UnknownPlatformError";
  }
}

/** The capabilities of a platform by its stored name. */
export function capabilitiesOf(platform: string): PlatformCapabilities {
  const c = catalog.get(platform);
  if (!c) throw new UnknownPlatformError(platform);
  return c;
}

/** Whether people acknowledge by pressing a button under the notice rather than by a reply or reaction. */
export const acksByButton = (c: PlatformCapabilities): boolean => c.ack[0] === "button" && c.choices === "buttons";

/** Whether an acknowledgement shows by itself (the button's counter is edited), so no thank-you message is needed. */
export const showsAckCount = (c: PlatformCapabilities): boolean => acksByButton(c) && c.edit;
