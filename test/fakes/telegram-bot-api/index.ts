/**
 * A local fake of the Telegram Bot API for end-to-end tests and benchmarks. See README.md.
 */
export { startFakeBotApi } from "./server.js";
export { FakeBotApi, type WaitOptions, type WaitForCountOptions } from "./fake-bot-api.js";
export { FakeBotApiClient } from "./control-client.js";
export type { RemoteMessageFilter } from "./control-api.js";
export {
  parseHtml,
  checkText,
  finishText,
  utf16Length,
  escapeHtml,
  EntityParseError,
  type ParsedText,
  type TextCheck,
} from "./html-entities.js";
export { DEFAULT_RATE_LIMITS, RateLimiter } from "./rate-limits.js";
export { DEFAULT_FAULTS, SENDING_METHODS, type ScriptedFailure, type FailNextOptions } from "./faults.js";
export { DEFAULT_TOKEN, chatTypeFromId } from "./state.js";
export { TINY_PNG, imageSize } from "./files.js";
export { supportedMethods } from "./dispatch.js";
export { WaitTimeoutError } from "./waiters.js";
export type * from "./types.js";
export type {
  UserSpec,
  ChatInput,
  InjectMessageInput,
  InjectCallbackInput,
  InjectDocumentInput,
  InjectPhotoInput,
  InjectStickerInput,
  InjectVoiceInput,
  InjectMyChatMemberInput,
  InjectNewMembersInput,
  InjectLeftMemberInput,
  InjectMigrationInput,
  InjectedMessage,
  InjectedCallback,
} from "./inject.js";
