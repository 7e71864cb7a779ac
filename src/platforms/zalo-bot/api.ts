/**
 * A small client of the official Zalo Bot Platform API (https://bot.zaloplatforms.com/docs): every method
 * is `POST {root}/bot{TOKEN}/{method}` with a JSON body, answered by `{ ok, result }` or
 * `{ ok: false, error_code, description }`. No SDK: the API is a handful of JSON calls, and the npm
 * packages for it are young one-author ports of Telegram libraries.
 *
 * The token is part of the URL, so no error built here carries the URL: only the method, the code and
 * Zalo's description.
 */

/** Zalo answered, and said no (`ok: false`), or answered with an HTTP error status. */
export class ZaloBotApiError extends Error {
  constructor(
    readonly method: string,
    /** Zalo's `error_code`, else the HTTP status */
    readonly code: number,
    readonly description: string,
    /** seconds to wait, when Zalo said so (429) */
    readonly retryAfter?: number,
  ) {
    super(`Zalo Bot API ${method}: ${code} ${description}`);
    this.name = "ZaloBotApiError";
  }

  /** getUpdates found nothing before its timeout (Zalo answers 408) */
  get isPollTimeout(): boolean {
    return this.method === "getUpdates" && this.code === 408;
  }
}

/** Zalo could not be reached, or the answer was not JSON: worth retrying. */
export class ZaloBotNetworkError extends Error {
  constructor(
    readonly method: string,
    reason: string,
  ) {
    super(`Zalo Bot API ${method}: network: ${reason}`);
    this.name = "ZaloBotNetworkError";
  }
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  /** false for basic bots: they cannot be added to groups */
  can_join_groups?: boolean;
}

export interface ZaloBotMessage {
  message_id: string;
  date: number;
  chat: { id: string; chat_type: "PRIVATE" | "GROUP" | string; title?: string };
  from: { id: string; display_name?: string; first_name?: string; name?: string; is_bot?: boolean };
  text?: string;
  photo?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
}

export interface ZaloBotUpdate {
  event_name?: string;
  message?: ZaloBotMessage;
}

export interface SentMessage {
  message_id: string;
  date?: number;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ZaloBotApiOptions {
  token: string;
  /** "https://bot-api.zaloplatforms.com", or the tests' fake */
  apiRoot: string;
  fetch?: FetchLike;
  /** per-call timeout, ms (getUpdates adds its own poll time) */
  timeoutMs?: number;
}

export class ZaloBotApi {
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;

  constructor(private readonly o: ZaloBotApiOptions) {
    this.fetch = o.fetch ?? fetch;
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  async call<T>(method: string, body: Record<string, unknown> = {}, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let res: Response;
    try {
      res = await this.fetch(`${this.o.apiRoot}/bot${this.o.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      throw new ZaloBotNetworkError(method, (err as Error).name === "TimeoutError" ? "timeout" : ((err as Error).message ?? String(err)));
    }
    let data: { ok?: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } };
    try {
      data = (await res.json()) as typeof data;
    } catch {
      if (res.status >= 400) throw new ZaloBotApiError(method, res.status, res.statusText || "HTTP error");
      throw new ZaloBotNetworkError(method, `not JSON (HTTP ${res.status})`);
    }
    if (data.ok === true && res.ok) return data.result as T;
    const retryAfter = data.parameters?.retry_after ?? (Number(res.headers.get("retry-after")) || undefined);
    throw new ZaloBotApiError(method, data.error_code ?? res.status, data.description ?? (res.statusText || "error"), retryAfter);
  }

  getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe");
  }

  /** One long poll: an update, several, or none (a 408 is turned into an empty list). */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloBotUpdate[]> {
    try {
      const result = await this.call<ZaloBotUpdate | ZaloBotUpdate[] | null>(
        "getUpdates",
        { timeout: String(timeoutSeconds) },
        { timeoutMs: (timeoutSeconds + 10) * 1000, ...(signal ? { signal } : {}) },
      );
      // The documentation shows one update per answer; an array is accepted too.
      if (!result) return [];
      return Array.isArray(result) ? result : [result];
    } catch (err) {
      if (err instanceof ZaloBotApiError && err.isPollTimeout) return [];
      throw err;
    }
  }

  setWebhook(url: string, secretToken: string): Promise<unknown> {
    return this.call("setWebhook", { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call("deleteWebhook");
  }

  sendMessage(chatId: string, text: string): Promise<SentMessage> {
    return this.call("sendMessage", { chat_id: chatId, text });
  }

  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<SentMessage> {
    return this.call("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
  }

  sendChatAction(chatId: string, action: "typing" | "upload_photo"): Promise<unknown> {
    return this.call("sendChatAction", { chat_id: chatId, action });
  }
}
