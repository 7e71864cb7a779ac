/**
 * The console's guards. Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure and with the
 * __Host- prefix when the console is served over https), looked up by its hash. CSRF: every state-changing
 * request must come from the console's own origin (Origin / Sec-Fetch-Site, Hono's csrf middleware) AND
 * carry the session's token in a hidden field; the token is derived from the session token, so it needs no
 * storage and dies with the session. Sign-in attempts are rate-limited per client address.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { Config } from "../config.js";
import type { WebContext } from "./context.js";

export const cookieName = (config: Config): string =>
  config.web.cookieName ?? (config.web.secureCookies ? "__Host-hdnd_phien" : "hdnd_phien");

/** The cookie lives as long as a session (the server also checks the session's own expiry). */
export function setSessionCookie(c: WebContext, config: Config, token: string): void {
  setCookie(c, cookieName(config), token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: config.web.secureCookies,
    maxAge: config.web.sessionHours * 3600,
  });
}

export const readSessionCookie = (c: WebContext, config: Config): string | undefined => getCookie(c, cookieName(config));

export const clearSessionCookie = (c: WebContext, config: Config): void => {
  deleteCookie(c, cookieName(config), { path: "/", secure: config.web.secureCookies });
};

export const csrfTokenFor = (sessionToken: string): string => createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== "string" || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * A fixed-window counter per key (client address): enough to make guessing sign-in links pointless
 * (a link is 256 random bits) and to keep a misbehaving script from filling the log.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; false when the key is over its limit for the current window. */
  take(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.forget(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.max;
  }

  private forget(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
