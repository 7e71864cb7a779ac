/**
 * The HTTP server: routes /bot<token>/<method>, /file/bot<token>/<path> and /__fake/... on
 * 127.0.0.1, with keep-alive, and answers in Telegram's shape. startFakeBotApi() is the entry point.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { handleControl } from "./control-api.js";
import { sendJson } from "./http-util.js";
import { dispatch, type DispatchOutcome } from "./dispatch.js";
import { FakeBotApi } from "./fake-bot-api.js";
import { BodyTooLargeError, Params, parseParams, readBody, ApiError } from "./params.js";
import { defaultOptions, FakeState } from "./state.js";
import type { FakeBotApiOptions, TgErrorBody } from "./types.js";

function sendError(res: ServerResponse, body: TgErrorBody, extra?: Record<string, string | number>): void {
  sendJson(res, body.error_code, { ok: false, ...body }, extra);
}

function resetSocket(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => Socket };
  if (typeof s.resetAndDestroy === "function") s.resetAndDestroy();
  else s.destroy();
}

const UNAUTHORIZED: TgErrorBody = { error_code: 401, description: "Unauthorized" };
const NOT_FOUND: TgErrorBody = { error_code: 404, description: "Not Found" };

async function handleApi(state: FakeState, req: IncomingMessage, res: ServerResponse, method: string, query: string): Promise<void> {
  const requestId = state.nextRequestId();
  const idHeader = { "x-fake-request-id": requestId };
  let params: Params;
  try {
    const body = req.method === "GET" || req.method === "HEAD" ? Buffer.alloc(0) : await readBody(req, state.options.maxBodyBytes);
    params = parseParams(req.headers["content-type"], body, new URLSearchParams(query));
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendError(res, { error_code: 413, description: "Request Entity Too Large" }, { ...idHeader, connection: "close" });
      return;
    }
    if (err instanceof ApiError) {
      state.stats.requests++;
      state.stats.badRequests++;
      sendError(res, err.toBody(), idHeader);
      return;
    }
    // the client went away while sending
    return;
  }

  let signal: AbortSignal | undefined;
  if (method.toLowerCase() === "getupdates") {
    const ac = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) ac.abort();
    });
    signal = ac.signal;
  }
  const outcome: DispatchOutcome = await dispatch(state, method, params, requestId, signal);
  if (res.destroyed || res.writableEnded) return;
  if (outcome.kind === "reset") {
    resetSocket(req.socket);
    return;
  }
  if (outcome.kind === "error") {
    sendError(res, outcome.body, idHeader);
    return;
  }
  const payload: Record<string, unknown> = { ok: true, result: outcome.result };
  if (outcome.description !== undefined) payload.description = outcome.description;
  sendJson(res, 200, payload, idHeader);
}

function handleDownload(state: FakeState, res: ServerResponse, rest: string): void {
  // rest = "<token>/<file_path>"
  const token = state.options.token;
  if (!rest.startsWith(`${token}/`)) {
    sendError(res, UNAUTHORIZED);
    return;
  }
  const filePath = decodeURIComponent(rest.slice(token.length + 1));
  const bytes = state.files.bytesAt(filePath);
  if (!bytes) {
    sendError(res, NOT_FOUND);
    return;
  }
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
  res.end(bytes);
}

/** Starts the fake on 127.0.0.1 (port 0 = any free port by default). */
export async function startFakeBotApi(options: Partial<FakeBotApiOptions> = {}): Promise<FakeBotApi> {
  const opts: FakeBotApiOptions = { ...defaultOptions(), ...options };
  let fake: FakeBotApi | null = null;
  const state = new FakeState(opts, {
    executeReply: async (method, params) => {
      await dispatch(state, method, new Params(params), state.nextRequestId());
    },
    onDelivered: () => {
      state.stats.webhookDelivered++;
    },
    onFailedAttempt: () => {
      state.stats.webhookFailedAttempts++;
    },
  });

  const server: Server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? "" : url.slice(q + 1);

    if (path.startsWith("/bot")) {
      const slash = path.lastIndexOf("/");
      const token = path.slice(4, slash);
      const method = path.slice(slash + 1);
      if (slash <= 4 || token !== opts.token) {
        // a wrong token, or a path without a method
        if (slash > 4 && token !== opts.token) {
          state.stats.requests++;
          sendError(res, UNAUTHORIZED);
        } else sendError(res, NOT_FOUND);
        return;
      }
      handleApi(state, req, res, method, query).catch((err: unknown) => {
        console.error("fake Telegram Bot API: request failed", err);
        if (!res.headersSent) sendError(res, { error_code: 500, description: "Internal Server Error" });
      });
      return;
    }
    if (path.startsWith("/file/bot")) {
      handleDownload(state, res, path.slice("/file/bot".length));
      return;
    }
    if (path === "/__fake" || path.startsWith("/__fake/")) {
      if (!fake) {
        sendError(res, { error_code: 503, description: "Service Unavailable" });
        return;
      }
      handleControl(fake, req, res, path.slice("/__fake".length), query).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: err instanceof Error ? err.message : String(err) });
      });
      return;
    }
    sendError(res, NOT_FOUND);
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      state.queue.close(); // answers the waiting long poll with []
      state.sentWaiters.rejectAll("fake Telegram Bot API closed");
      state.editWaiters.rejectAll("fake Telegram Bot API closed");
      state.pinWaiters.rejectAll("fake Telegram Bot API closed");
      state.answerWaiters.rejectAll("fake Telegram Bot API closed");
      await new Promise<void>((resolve) => setImmediate(resolve));
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    })();
    return closing;
  };

  fake = new FakeBotApi(state, port, opts.host, close);
  return fake;
}
