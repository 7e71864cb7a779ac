/**
 * Zalo through a personal account (zca-js), as the application sees it: what the account can do, and the
 * adapter when ZALO_ENABLED is set.
 */
import { zaloCapabilities } from "./capabilities.js";
import { accountKey, type ChatPlatform, type PlatformModule } from "../../messaging/platform.js";
import type { ZaloAdapterOptions } from "./adapter.js";
import { createZaloPlatform } from "./index.js";

export { zaloCapabilities };

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
      account: accountKey(deps.config.zalo.credentialsFile),
      // Zalo allows one session per personal account: it runs in one instance, with its sender.
      receiving: "exclusive",
      // Never throws: a session that cannot be restored stops Zalo alone and alerts the admins.
      start: (inbound) => adapter.start(inbound),
      stop: () => adapter.stop(),
    };
  },
};
