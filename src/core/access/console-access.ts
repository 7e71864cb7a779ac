/**
 * Signing in to the office web console without passwords: a linked member asks the bot (/web) or the
 * operator runs `council web link`, and gets a one-time link valid for 10 minutes. Opening it starts a
 * session (8 hours by default) held in an HttpOnly cookie. Links and session tokens are 256-bit random
 * values; only their SHA-256 is stored, so a copy of the database cannot be used to sign in.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Database, Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { findMemberById } from "../../db/members.js";
import {
  endSession,
  findLoginLink,
  findSession,
  insertLoginLink,
  insertSession,
  setLinkSession,
  touchSession,
  useLoginLink,
} from "../../db/web-access.js";
import type { Actor } from "../actor.js";
import type { Role } from "../../domain/vocabulary.js";
import { may } from "../permissions.js";
import { cutText } from "../../text/graphemes.js";

export const LOGIN_LINK_MINUTES = 10;
/** how often a session's "last seen" is written (not on every request) */
const TOUCH_EVERY_MS = 5 * 60_000;

export const newToken = (): string => randomBytes(32).toString("base64url");
export const hashToken = (kind: "link" | "session", token: string): string =>
  createHash("sha256").update(`web-${kind}:${token}`).digest("hex");
/** Tokens have a fixed shape: anything else is refused before touching the database. */
export const looksLikeToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export type CreateLinkResult =
  | { ok: true; token: string; expiresAt: Date; memberName: string }
  | { ok: false; reason: "not_found" | "inactive" | "not_allowed"; role?: Role };

/** A one-time sign-in link for a member who may use the console. */
export async function createLoginLink(
  db: Database,
  input: { memberId: number; councilId?: number; via: string; now: Date },
): Promise<CreateLinkResult> {
  const member = await findMemberById(db.prisma, input.memberId);
  if (!member || (input.councilId !== undefined && member.councilId !== input.councilId)) return { ok: false, reason: "not_found" };
  if (!member.active) return { ok: false, reason: "inactive" };
  if (!may(member.role as Role, "useConsole")) return { ok: false, reason: "not_allowed", role: member.role as Role };
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    const link = await insertLoginLink(tx, {
      tokenHash: hashToken("link", token),
      memberId: member.id,
      createdVia: input.via,
      createdAt: input.now,
      expiresAt,
    });
    await audit(tx, {
      councilId: member.councilId,
      actorId: member.id,
      actorLabel: input.via,
      action: "web.link",
      entityType: "member",
      entityId: member.id,
      detail: { linkId: link.id },
    });
  });
  return { ok: true, token, expiresAt, memberName: member.fullName };
}

/** What a sign-in link is, without using it (the page that asks "Vào trang quản trị?"). */
export type LinkCheck = { ok: true; memberName: string } | { ok: false; reason: "invalid" | "expired" | "used" | "not_allowed" };

export async function checkLoginLink(db: Db, token: string, now: Date): Promise<LinkCheck> {
  if (!looksLikeToken(token)) return { ok: false, reason: "invalid" };
  const link = await findLoginLink(db, hashToken("link", token));
  if (!link) return { ok: false, reason: "invalid" };
  if (link.usedAt) return { ok: false, reason: "used" };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const member = await findMemberById(db, link.memberId);
  if (!member?.active || !may(member.role as Role, "useConsole")) return { ok: false, reason: "not_allowed" };
  return { ok: true, memberName: member.fullName };
}

export type SignInResult =
  | { ok: true; sessionToken: string; expiresAt: Date; memberId: number }
  | { ok: false; reason: "invalid" | "expired" | "used" | "not_allowed" };

/** Uses a link once and opens a session. Two requests with the same link: one wins, the other hears "used". */
export async function signIn(
  db: Database,
  input: { token: string; now: Date; sessionHours: number; userAgent: string | null },
): Promise<SignInResult> {
  const check = await checkLoginLink(db.prisma, input.token, input.now);
  if (!check.ok) return check;
  return db.transaction(async (tx) => {
    const link = (await findLoginLink(tx, hashToken("link", input.token)))!;
    if (!(await useLoginLink(tx, link.id, input.now))) return { ok: false, reason: "used" } as const;
    const member = (await findMemberById(tx, link.memberId))!;
    const sessionToken = newToken();
    const expiresAt = new Date(input.now.getTime() + input.sessionHours * 3_600_000);
    const session = await insertSession(tx, {
      tokenHash: hashToken("session", sessionToken),
      memberId: member.id,
      createdAt: input.now,
      expiresAt,
      userAgent: input.userAgent ? cutText(input.userAgent, 300) : null,
    });
    await setLinkSession(tx, link.id, session.id);
    await audit(tx, {
      councilId: member.councilId,
      actorId: member.id,
      actorLabel: `web:session:${session.id}`,
      action: "web.sign_in",
      entityType: "member",
      entityId: member.id,
      detail: { linkId: link.id, via: link.createdVia },
    });
    return { ok: true, sessionToken, expiresAt, memberId: member.id } as const;
  });
}

export interface ConsoleSession {
  sessionId: number;
  expiresAt: Date;
  actor: Actor;
}

/** The signed-in person behind a session cookie, or null (unknown, ended, expired, member deactivated or no longer allowed). */
export async function sessionActor(db: Db, token: string, now: Date): Promise<ConsoleSession | null> {
  if (!looksLikeToken(token)) return null;
  const s = await findSession(db, hashToken("session", token));
  if (!s || s.endedAt || s.expiresAt.getTime() <= now.getTime()) return null;
  const m = s.member;
  if (!m.active || !may(m.role as Role, "useConsole")) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, s.id, now);
  return {
    sessionId: s.id,
    expiresAt: s.expiresAt,
    actor: {
      memberId: m.id,
      councilId: m.councilId,
      fullName: m.fullName,
      role: m.role as Role,
      unitId: m.unitId,
      unitName: m.unit?.name ?? null,
      unitCode: m.unit?.code ?? null,
      identityId: null,
    },
  };
}

export async function signOut(db: Database, session: ConsoleSession, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await endSession(tx, session.sessionId, now);
    await audit(tx, {
      councilId: session.actor.councilId,
      actorId: session.actor.memberId,
      actorLabel: `web:session:${session.sessionId}`,
      action: "web.sign_out",
      entityType: "member",
      entityId: session.actor.memberId,
    });
  });
}
