/**
 * Registers what each platform can do, without loading any adapter (telegraf, zca-js): the CLI needs the
 * capabilities (text limits, pins) to write the outbox, not the libraries, which took half a second of
 * every `council` call. The service registers them again through registry.ts with the adapters.
 */
import { registerCapabilities } from "../messaging/platform.js";
import { telegramCapabilities } from "./telegram/capabilities.js";
import { zaloCapabilities } from "./zalo/capabilities.js";
import { zaloBotCapabilities } from "./zalo-bot/capabilities.js";
import { sandboxCapabilities } from "./sandbox/capabilities.js";

for (const c of [telegramCapabilities, zaloCapabilities, zaloBotCapabilities, sandboxCapabilities]) registerCapabilities(c);
