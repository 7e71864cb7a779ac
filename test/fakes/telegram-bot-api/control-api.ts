/**
 * The HTTP control API under /__fake/..., so a test can drive a fake that lives in another
 * process (see control-client.ts for a typed client). Answers are `{ ok: true, result }` or
 * `{ ok: false, error }` (status 400, or 408 when a wait timed out).
 *
 *   GET  /__fake/health                 -> { apiRoot, token, bot }
 *   GET  /__fake/messages[?chatId=&since=]
 *   GET  /__fake/stats | /edits | /pins | /callback-answers | /deletions | /commands | /updates | /webhook
 *   POST /__fake/wait            { chatId?, textIncludes?, textMatches?, method?, since?, count?, timeoutMs? }
 *   POST /__fake/wait-callback-answer { callbackQueryId, timeoutMs? }
 *   POST /__fake/inject/<kind>   kind: message | callback | document | photo | sticker | voice |
 *                                my-chat-member | new-members | left-member | migration | update
 *                                (bytes as "bytesBase64" or "bytes" text)
 *   POST /__fake/config          RuntimeConfig
 *   POST /__fake/fail-next       { method, n, failure, chatId? }
 *   POST /__fake/forbidden       { chatId, forbidden? }
 *   POST /__fake/bot-rights      { chatId, rights }
 *   POST /__fake/chat-member     { chatId, user, status }
 *   POST /__fake/reset           { keepWebhook?, keepCommands? }
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeBotApi } from "./fake-bot-api.js";
import { readBody } from "./params.js";
import { sendJson } from "./http-util.js";
import { WaitTimeoutError } from "./waiters.js";
import type { SentMessageRecord } from "./types.js";

class ControlError extends Error {}

/** What POST /__fake/wait matches on; all given fields must match. */
export interface RemoteMessageFilter {
  chatId?: number;
  textIncludes?: string;
  /** A regular expression source, tested against text, caption and plain text. */
  textMatches?: string;
  method?: string;
  since?: number;
}

export function remoteFilter(spec: RemoteMessageFilter): (m: SentMessageRecord) => boolean {
  const re = spec.textMatches !== undefined ? new RegExp(spec.textMatches) : null;
  return (m) => {
    if (spec.chatId !== undefined && m.chatId !== spec.chatId) return false;
    if (spec.method !== undefined && m.method !== spec.method) return false;
    const texts = [m.text, m.plainText, m.caption, m.plainCaption].filter((t): t is string => t !== undefined);
    if (spec.textIncludes !== undefined && !texts.some((t) => t.includes(spec.textIncludes!))) return false;
    if (re && !texts.some((t) => re.test(t))) return false;
    return true;
  };
}

function bytesFrom(body: Record<string, unknown>): Buffer | undefined {
  if (typeof body.bytesBase64 === "string") return Buffer.from(body.bytesBase64, "base64");
  if (typeof body.bytes === "string") return Buffer.from(body.bytes, "utf8");
  return undefined;
}

function need<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new ControlError(`missing ${name}`);
  return v;
}

export async function handleControl(
  fake: FakeBotApi,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
): Promise<void> {
  const q = new URLSearchParams(query);
  let body: Record<string, unknown> = {};
  if (req.method === "POST") {
    const raw = await readBody(req, 80 * 1024 * 1024);
    if (raw.length > 0) body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  }
  const ok = (result: unknown): void => sendJson(res, 200, { ok: true, result });
  try {
    const route = `${req.method} ${path.replace(/\/+$/, "")}`;
    switch (route) {
      case "GET ":
      case "GET /health":
        return ok({ apiRoot: fake.apiRoot, token: fake.token, bot: fake.botInfo });
      case "GET /messages": {
        const chatId = q.get("chatId");
        const since = Number(q.get("since") ?? 0);
        const list = chatId !== null ? fake.messagesTo(Number(chatId)) : fake.allMessages();
        return ok(since > 0 ? list.filter((m) => m.seq > since) : list);
      }
      case "GET /stats":
        return ok(fake.stats());
      case "GET /edits":
        return ok(fake.edits());
      case "GET /pins":
        return ok(fake.pins());
      case "GET /callback-answers":
        return ok(fake.callbackAnswers());
      case "GET /deletions":
        return ok(fake.deletions());
      case "GET /commands":
        return ok(fake.allCommands());
      case "GET /updates":
        return ok(fake.pendingUpdates());
      case "GET /webhook":
        return ok(fake.webhook());
      case "POST /wait": {
        const filter = remoteFilter(body as RemoteMessageFilter);
        const timeoutMs = typeof body.timeoutMs === "number" ? body.timeoutMs : 5000;
        if (typeof body.count === "number") {
          return ok(await fake.waitForCount(body.count, { timeoutMs, filter }));
        }
        const opts: { timeoutMs: number; since?: number } = { timeoutMs };
        if (typeof body.since === "number") opts.since = body.since;
        return ok(await fake.waitFor(filter, opts));
      }
      case "POST /wait-callback-answer":
        return ok(
          await fake.waitForCallbackAnswer(need(body.callbackQueryId as string | undefined, "callbackQueryId"), {
            timeoutMs: typeof body.timeoutMs === "number" ? body.timeoutMs : 5000,
          }),
        );
      case "POST /inject/message":
        return ok(fake.injectMessage(body as never));
      case "POST /inject/callback":
        return ok(fake.injectCallback(body as never));
      case "POST /inject/document":
        return ok(fake.injectDocument({ ...(body as never as object), bytes: need(bytesFrom(body), "bytesBase64") } as never));
      case "POST /inject/photo":
        return ok(fake.injectPhoto({ ...(body as never as object), bytes: need(bytesFrom(body), "bytesBase64") } as never));
      case "POST /inject/sticker": {
        const bytes = bytesFrom(body);
        return ok(fake.injectSticker({ ...(body as never as object), ...(bytes ? { bytes } : {}) } as never));
      }
      case "POST /inject/voice": {
        const bytes = bytesFrom(body);
        return ok(fake.injectVoice({ ...(body as never as object), ...(bytes ? { bytes } : {}) } as never));
      }
      case "POST /inject/my-chat-member":
        return ok(fake.injectMyChatMember(body as never));
      case "POST /inject/new-members":
        return ok(fake.injectNewMembers(body as never));
      case "POST /inject/left-member":
        return ok(fake.injectLeftMember(body as never));
      case "POST /inject/migration":
        return ok(fake.injectMigration(body as never));
      case "POST /inject/update":
        return ok(fake.injectUpdate(body as never));
      case "POST /config":
        fake.configure(body as never);
        return ok(true);
      case "POST /fail-next": {
        const opts = body.chatId !== undefined ? { chatId: body.chatId as number | string } : {};
        fake.failNext(need(body.method as string | undefined, "method"), Number(body.n ?? 1), need(body.failure as never, "failure"), opts);
        return ok(true);
      }
      case "POST /forbidden":
        fake.setForbidden(Number(need(body.chatId, "chatId")), body.forbidden !== false);
        return ok(true);
      case "POST /bot-rights":
        fake.setBotRights(Number(need(body.chatId, "chatId")), need(body.rights as never, "rights"));
        return ok(true);
      case "POST /chat-member":
        fake.setChatMember(Number(need(body.chatId, "chatId")), need(body.user as never, "user"), need(body.status as never, "status"));
        return ok(true);
      case "POST /reset":
        fake.reset(body as { keepWebhook?: boolean; keepCommands?: boolean });
        return ok(true);
      default:
        sendJson(res, 404, { ok: false, error: `unknown control route ${route}` });
        return;
    }
  } catch (err) {
    const status = err instanceof WaitTimeoutError ? 408 : 400;
    sendJson(res, status, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
