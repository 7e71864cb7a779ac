/**
 * Bot-level Bot API methods: getMe, getUpdates, setWebhook / deleteWebhook / getWebhookInfo,
 * getFile, answerCallbackQuery, logOut, close.
 */
import { Described, type Handler } from "./call-context.js";
import { ApiError } from "./params.js";
import type { WebhookState } from "./types.js";

const bad = ApiError.badRequest;

const getMe: Handler = ({ state }) => ({
  ...state.bot,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

function readAllowedUpdates(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let v = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      throw bad("can't parse allowed_updates JSON array");
    }
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw bad("can't parse allowed_updates JSON array");
  return v as string[];
}

const getUpdates: Handler = async (ctx) => {
  const { state, params } = ctx;
  const timeout = Math.min(Math.max(0, params.int("timeout") ?? 0), state.options.maxLongPollSeconds);
  const args: Parameters<typeof state.queue.getUpdates>[0] = { timeoutSec: timeout };
  const offset = params.int("offset");
  if (offset !== undefined) args.offset = offset;
  const limit = params.int("limit");
  if (limit !== undefined) args.limit = limit;
  const allowed = readAllowedUpdates(params.raw("allowed_updates"));
  if (allowed !== undefined) args.allowedUpdates = allowed;
  if (ctx.signal) args.signal = ctx.signal;
  const updates = await state.queue.getUpdates(args);
  state.stats.updatesFetched += updates.length;
  return updates;
};

const setWebhook: Handler = (ctx) => {
  const { state, params } = ctx;
  const url = params.string("url") ?? "";
  const drop = params.bool("drop_pending_updates") ?? false;
  if (url === "") {
    const had = state.queue.webhook !== null;
    state.queue.deleteWebhook(drop);
    return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad("bad webhook: Failed to resolve host: Name or service not known");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw bad("bad webhook: An HTTPS URL must be provided for webhook");
  }
  const secret = params.string("secret_token");
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw bad("bad webhook: secret token contains unallowed characters");
  }
  const maxConnections = params.int("max_connections");
  if (maxConnections !== undefined && (maxConnections < 1 || maxConnections > 100)) {
    throw bad("bad webhook: max_connections must be between 1 and 100");
  }
  const hook: WebhookState = { url };
  if (secret) hook.secretToken = secret;
  if (maxConnections !== undefined) hook.maxConnections = maxConnections;
  const allowed = readAllowedUpdates(params.raw("allowed_updates"));
  if (allowed !== undefined) hook.allowedUpdates = allowed;
  const same = state.queue.webhook?.url === url;
  state.queue.setWebhook(hook, drop);
  return new Described(true, same ? "Webhook is already set" : "Webhook was set");
};

const deleteWebhook: Handler = (ctx) => {
  const { state, params } = ctx;
  const had = state.queue.webhook !== null;
  state.queue.deleteWebhook(params.bool("drop_pending_updates") ?? false);
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
};

const getWebhookInfo: Handler = ({ state }) => {
  const hook = state.queue.webhook;
  const info: Record<string, unknown> = {
    url: hook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: state.queue.pendingCount,
  };
  if (hook) {
    info.max_connections = hook.maxConnections ?? 40;
    info.ip_address = "127.0.0.1";
    if (hook.allowedUpdates) info.allowed_updates = hook.allowedUpdates;
    const err = state.queue.lastWebhookError;
    if (err) {
      info.last_error_date = err.date;
      info.last_error_message = err.message;
    }
  }
  return info;
};

const getFile: Handler = ({ state, params }) => {
  const fileId = params.string("file_id");
  if (!fileId) throw bad("file_id is empty"); // Telegram: "Bad Request: invalid file_id"
  const file = state.files.get(fileId);
  if (!file) throw bad("invalid file_id");
  const result: Record<string, unknown> = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.size,
  };
  if (file.size > 20 * 1024 * 1024) throw bad("file is too big");
  result.file_path = state.files.pathFor(file);
  return result;
};

const answerCallbackQuery: Handler = (ctx) => {
  const { state, params } = ctx;
  const id = params.string("callback_query_id");
  if (!id) throw bad("query_id is empty"); // wording close to Telegram's QUERY_ID_INVALID
  const query = state.callbackQueries.get(id);
  if (!query || query.answer) throw bad("query is too old and response timeout expired or query ID is invalid");
  const text = params.string("text");
  if (text !== undefined && text.length > 200) throw bad("MESSAGE_TOO_LONG");
  const url = params.string("url");
  const record = state.recordAnswer({
    callbackQueryId: id,
    text,
    showAlert: params.bool("show_alert"),
    url,
    cacheTime: params.int("cache_time"),
    at: state.now(),
    requestId: ctx.requestId,
  });
  query.answer = record;
  return true;
};

export const BOT_METHODS: Record<string, Handler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getFile,
  answerCallbackQuery,
  logOut: () => true,
  close: () => true,
};
