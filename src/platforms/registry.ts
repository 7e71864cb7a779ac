/**
 * The chat platforms this build knows, in one list: a new platform is a folder under `src/platforms/`
 * and one line here. Importing this module registers each platform's capabilities, which the outbox and
 * the core look up by a chat's stored platform name; the composition roots (`src/app.ts`, the CLI)
 * import it.
 */
import { registerCapabilities, type PlatformModule } from "../messaging/platform.js";
import { telegramPlatform } from "./telegram/platform.js";
import { zaloPlatform } from "./zalo/platform.js";
import { zaloBotPlatform } from "./zalo-bot/platform.js";
import { sandboxPlatform } from "./sandbox/platform.js";

export const PLATFORM_MODULES: readonly PlatformModule[] = [telegramPlatform, zaloPlatform, zaloBotPlatform, sandboxPlatform];

for (const m of PLATFORM_MODULES) registerCapabilities(m.capabilities);
