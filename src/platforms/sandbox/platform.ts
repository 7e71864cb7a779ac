/**
 * The sandbox as a chat platform: a messenger of its own, shown on the web page at /sandbox, behind the same
 * port as Telegram and Zalo. It runs only inside the sandbox's own app instance (its own database and clock),
 * which hands it the store: in the service's real app there is nothing to hand, and it stays off.
 */
import { accountKey, type ChatPlatform, type PlatformModule } from "../../messaging/platform.js";
import { sandboxCapabilities } from "./capabilities.js";
import { SandboxAdapter } from "./adapter.js";
import type { SandboxStore } from "./store.js";

/** What the sandbox's runtime hands the platform (see runtime.ts). */
export interface SandboxParts {
  store(): SandboxStore;
  onAdapter(adapter: SandboxAdapter): void;
}

export { sandboxCapabilities };

export const sandboxPlatform: PlatformModule = {
  enabledBy: "SANDBOX",
  capabilities: sandboxCapabilities,
  create({ clock, overrides }): ChatPlatform | null {
    const parts = overrides as SandboxParts | undefined;
    if (!parts) return null;
    const adapter = new SandboxAdapter(parts.store, clock);
    parts.onAdapter(adapter);
    return {
      capabilities: sandboxCapabilities,
      info: adapter.info,
      sender: adapter.sender,
      concurrency: 4,
      account: accountKey("sandbox"),
      receiving: "exclusive",
      start: async (inbound) => adapter.start(inbound),
      stop: async () => adapter.stop(),
    };
  },
};
