/**
 * What went wrong with a Zalo call, in the outbox's terms (see SendOutcome). zca-js throws `ZaloApiError`
 * (class name "ZcaApiError") with Zalo's `error_code` in `.code` when Zalo answers with an error, with
 * `.code === null` for its own checks (missing content, file not found, extension not allowed, size) and
 * for HTTP failures ("Request failed with status code N"). Network failures surface as fetch's TypeError
 * ("fetch failed", with an ECONNRESET/ENOTFOUND/... cause) or as our timeout's AbortError/TimeoutError.
 *
 * Zalo does not document its codes; what is known (zca-js issues and maintainers' answers):
 * - 122 "Bạn chưa thể gửi tin nhắn đến người này vì người này chặn không nhận tin nhắn từ người lạ": the
 *   person accepts messages from friends only. Reversible by that person (add the council's account as a
 *   friend), so it is "permanent" for this message, not "chat_gone" (the core never reactivates a private
 *   chat marked gone, even when the person writes again).
 * - 123 "Không thể nhận tin nhắn từ bạn": Zalo's anti-spam throttle (too many messages to strangers, or the
 *   same text twice in a short time). Treated as rate limiting with a long wait; after a few in a row for the
 *   same chat the sender gives up on that message (see ZaloSender).
 * - 112 / 114 "Lỗi không xác định" (unknown error): transient, retried with back-off up to the outbox's limit.
 * - 102 "The session key ... has reached its timeout": the session is gone; re-login needed.
 * - messages saying the account is not (or no longer) a member of the group, or the group is gone: chat_gone.
 */
import { ZaloApiError } from "zca-js";
import type { SendOutcome } from "../../delivery/platform-sender.js";
import { redactSecrets } from "../../logging/logger.js";

export const ZALO_CODES = {
  sessionExpired: 102,
  unknownError: 112,
  unknownError2: 114,
  blockedStrangers: 122,
  cannotReceive: 123,
} as const;

/** Wait after Zalo's anti-spam refusal (code 123) before trying the same chat again. */
export const THROTTLE_WAIT_MS = 10 * 60_000;
/** Wait after an HTTP 429. */
export const HTTP_429_WAIT_MS = 60_000;

const NOT_A_MEMBER =
  /không (còn )?(là )?thành viên|không phải (là )?thành viên|chưa tham gia nhóm|đã rời (khỏi )?nhóm|bị (mời|xóa|xoá) khỏi nhóm|nhóm (đã bị giải tán|không tồn tại)|group (does not|doesn't|no longer) exist|not (a )?member|not in (the )?group|kicked|removed from (the )?group/i;
const BLOCKED_BY_PERSON = /đã chặn (bạn|tin nhắn)|bị (người (này|nhận) )?chặn|has blocked you|blocked you/i;
const SESSION = /session key|phiên đăng nhập|đăng nhập (lại|thất bại)|please (re-?)?login|not logged in/i;

export interface ZaloErrorInfo {
  outcome: Exclude<SendOutcome, { ok: true }>;
  /** the session itself is no longer valid (re-login needed) */
  sessionError: boolean;
  /** counts toward the "throttled several times in a row" limit of the sender */
  throttled: boolean;
}

const describe = (err: { code?: number | null; message?: string }): string =>
  redactSecrets(`${err.code !== null && err.code !== undefined ? `zalo ${err.code}: ` : ""}${err.message ?? "error"}`.trim());

export function isZaloApiError(err: unknown): err is ZaloApiError {
  return err instanceof ZaloApiError || (err instanceof Error && err.name === "ZcaApiError");
}

/** Maps an error thrown by a zca-js call (or our timeout) to the outbox's outcome. */
export function classifyZaloError(err: unknown, chatKind: string): ZaloErrorInfo {
  const result = (outcome: ZaloErrorInfo["outcome"], extra: Partial<Omit<ZaloErrorInfo, "outcome">> = {}): ZaloErrorInfo => ({
    outcome,
    sessionError: false,
    throttled: false,
    ...extra,
  });
  if (isZaloApiError(err)) {
    const code = (err as ZaloApiError).code;
    const message = err.message ?? "";
    const reason = describe({ code, message });
    const http = /status code (\d{3})/.exec(message);
    if (code === null || code === undefined) {
      if (http) {
        const status = Number(http[1]);
        if (status === 429) return result({ ok: false, kind: "rate_limited", retryAfterMs: HTTP_429_WAIT_MS, reason }, { throttled: true });
        if (status === 401 || status === 403) return result({ ok: false, kind: "transient", reason }, { sessionError: true });
        if (status >= 500 || status === 408) return result({ ok: false, kind: "transient", reason });
        return result({ ok: false, kind: "permanent", reason });
      }
      if (SESSION.test(message)) return result({ ok: false, kind: "transient", reason }, { sessionError: true });
      if (/failed to parse response|invalid context|cipher/i.test(message)) return result({ ok: false, kind: "transient", reason });
      // zca-js's own checks: missing content, file not found, extension not allowed, size over the limit.
      return result({ ok: false, kind: "permanent", reason });
    }
    if (code === ZALO_CODES.blockedStrangers)
      return result({
        ok: false,
        kind: "permanent",
        reason: `${reason} (the person accepts messages from friends only: they should add the council's Zalo account as a friend)`,
      });
    if (code === ZALO_CODES.cannotReceive)
      return result({ ok: false, kind: "rate_limited", retryAfterMs: THROTTLE_WAIT_MS, reason }, { throttled: true });
    if (code === ZALO_CODES.sessionExpired || SESSION.test(message))
      return result({ ok: false, kind: "transient", reason }, { sessionError: true });
    if (NOT_A_MEMBER.test(message)) return result({ ok: false, kind: chatKind === "group" ? "chat_gone" : "permanent", reason });
    if (BLOCKED_BY_PERSON.test(message)) return result({ ok: false, kind: "chat_gone", reason });
    if (
      code === ZALO_CODES.unknownError ||
      code === ZALO_CODES.unknownError2 ||
      /timeout|quá tải|overload|thử lại sau|try again later/i.test(message)
    )
      return result({ ok: false, kind: "transient", reason });
    if (/quá nhiều|too many|vượt quá (giới hạn|số lần)|rate limit|spam/i.test(message))
      return result({ ok: false, kind: "rate_limited", retryAfterMs: THROTTLE_WAIT_MS, reason }, { throttled: true });
    return result({ ok: false, kind: "permanent", reason });
  }
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const what = e?.cause?.code ?? e?.code ?? e?.name ?? "error";
  return result({ ok: false, kind: "transient", reason: redactSecrets(`network: ${what} ${e?.message ?? String(err)}`.trim()) });
}

/**
 * Whether a login failure means Zalo refused the session (re-login needed) rather than a network or server
 * problem. zca-js's login throws "Failed to fetch login info: <HTTP status text>" when the HTTP call itself
 * failed (a 502 is not a verdict on the cookies), and "Đăng nhập thất bại" / an error code when Zalo
 * answered and refused.
 */
export function isLoginRejection(err: unknown): boolean {
  if (!isZaloApiError(err)) return false;
  const message = err.message ?? "";
  const code = (err as ZaloApiError).code;
  if (code !== null && code !== undefined) return code !== ZALO_CODES.unknownError && code !== ZALO_CODES.unknownError2; // Zalo answered
  const http = /status code (\d{3})/.exec(message);
  if (http) return Number(http[1]) === 401 || Number(http[1]) === 403;
  const statusText = /^Failed to fetch (?:login|server) info: (.*)$/i.exec(message)?.[1]?.trim();
  if (
    statusText !== undefined &&
    /^(|bad gateway|service unavailable|gateway time-?out|internal server error|too many requests|request timeout)$/i.test(statusText)
  )
    return false;
  return !/failed to parse response|timeout|time-out/i.test(message);
}
