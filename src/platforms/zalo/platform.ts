/**
 * Zalo through a personal account (zca-js), as the application sees it: what the account can do, and the
 * adapter when ZALO_ENABLED is set.
 */
import type { ChatPlatform, PlatformCapabilities, PlatformModule } from "../../messaging/platform.js";
import type { ZaloAdapterOptions } from "./adapter.js";
import { createZaloPlatform } from "./index.js";

export const zaloCapabilities: PlatformCapabilities = {
  name: "zalo",
  displayName: "Zalo",
  // A personal account cannot edit what it sent.
  edit: false,
  // No pinned messages: a pinned group note (title and summary) stands in.
  pin: "note",
  deleteWindowMs: null,
  pinNeedsAdminRight: false,
  choices: "numbered",
  // Zalo publishes no limit; about 2,000 characters is what its clients show comfortably.
  textLimit: 2000,
  captionLimit: 1000,
  markup: "styles",
  fileKinds: ["document", "photo"],
  ack: ["reply", "reaction"],
  groupId: { pattern: /^\d{5,25}$/, example: "digits only" },
  // The account is a member like any other: it reads every message of its groups.
  groupTextByReplyOnly: false,
};

export const zaloPlatform: PlatformModule = {
  enabledBy: "ZALO_ENABLED=true",
  capabilities: zaloCapabilities,
  create(deps): ChatPlatform | null {
    if (!deps.config.zalo.enabled) return null;
    const adapter = createZaloPlatform({
      config: deps.config,
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      notifyOutbox: deps.notifyOutbox,
      ...(deps.overrides ? { overrides: deps.overrides as Partial<ZaloAdapterOptions> } : {}),
    });
    return {
      capabilities: zaloCapabilities,
      info: adapter.info,
      sender: adapter.sender,
      // One call at a time: the account's pacing is one message after another.
      concurrency: 1,
      // Never throws: a session that cannot be restored stops Zalo alone and alerts the admins.
      start: (inbound) => adapter.start(inbound),
      stop: () => adapter.stop(),
    };
  },
};
