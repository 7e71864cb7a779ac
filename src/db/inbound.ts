/**
 * Everything the dispatcher must know before it routes an inbound update, in one statement: was the update
 * handled (or begun) already, the chat it came from, and the person behind it (their chat account, member,
 * unit) or why they are no longer linked. Before, these were seven Prisma queries per update (the event
 * markers, the chat, the identity with its member, unit and council, the unlinked account), most of the
 * service's CPU per answer. The answers are the same as those queries' (test/foundation/inbound-queries.test.ts).
 */
import type { Database } from "./client.js";
import type { ChatRow } from "./chats.js";
import { rawReads } from "./raw-reads.js";

/** The linked person behind an update (an active member's chat account). */
export interface InboundPerson {
  identityId: number;
  memberId: number;
  councilId: number;
  fullName: string;
  role: string;
  unitId: number | null;
  unitName: string | null;
  unitCode: string | null;
}

export interface InboundLookup {
  /** the update was handled before (a redelivery) */
  processed: boolean;
  /** handling of the update began before (and did not finish, unless processed) */
  started: boolean;
  chat: ChatRow | null;
  /** null for a stranger, an unlinked account, or a deactivated member */
  person: InboundPerson | null;
  /** why the account was unlinked by the office, when it was */
  unlinkedReason: "deactivated" | "unlinked" | null;
}

export interface InboundKey {
  eventKey: string;
  platform: string;
  chatExternalId: string;
  /** the sender's platform user id; null for events without a person (bot added to a group ...) */
  userId: string | null;
}

// Identifiers quoted for both engines; aliases quoted so PostgreSQL keeps their case.
const LOOKUP = `SELECT
  (SELECT 1 FROM "ProcessedEvent" WHERE "key" = $1) AS "processed",
  (SELECT 1 FROM "StartedEvent" WHERE "key" = $1) AS "started",
  c."id" AS "cId", c."platform" AS "cPlatform", c."externalId" AS "cExternalId", c."kind" AS "cKind", c."title" AS "cTitle",
  c."councilId" AS "cCouncilId", c."purpose" AS "cPurpose", c."unitId" AS "cUnitId", c."active" AS "cActive",
  c."inactiveReason" AS "cInactiveReason", c."canPin" AS "cCanPin",
  i."id" AS "iId", m."id" AS "mId", m."councilId" AS "mCouncilId", m."fullName" AS "mFullName", m."role" AS "mRole",
  m."unitId" AS "mUnitId", m."active" AS "mActive", u."name" AS "uName", u."code" AS "uCode", ua."reason" AS "uaReason"
FROM (SELECT 1 AS "one") AS o
LEFT JOIN "Chat" c ON c."platform" = $2 AND c."externalId" = $3
LEFT JOIN "ChatIdentity" i ON i."platform" = $2 AND i."platformUserId" = $4
LEFT JOIN "Member" m ON m."id" = i."memberId"
LEFT JOIN "Unit" u ON u."id" = m."unitId"
LEFT JOIN "UnlinkedAccount" ua ON ua."platform" = $2 AND ua."platformUserId" = $4`;

// For better-sqlite3: plain "?" placeholders, each occurrence bound in turn (the order of $n in the text).
const LOOKUP_SQLITE = LOOKUP.replace(/\$\d/g, "?");
const LOOKUP_SQLITE_ORDER = [...LOOKUP.matchAll(/\$(\d)/g)].map((m) => Number(m[1]) - 1);

interface Row {
  processed: unknown;
  started: unknown;
  cId: number | null;
  cPlatform: string | null;
  cExternalId: string | null;
  cKind: string | null;
  cTitle: string | null;
  cCouncilId: number | null;
  cPurpose: string | null;
  cUnitId: number | null;
  cActive: unknown;
  cInactiveReason: string | null;
  cCanPin: unknown;
  iId: number | null;
  mId: number | null;
  mCouncilId: number | null;
  mFullName: string | null;
  mRole: string | null;
  mUnitId: number | null;
  mActive: unknown;
  uName: string | null;
  uCode: string | null;
  uaReason: string | null;
}

const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n;
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function lookupInbound(db: Database, key: InboundKey): Promise<InboundLookup> {
  const params = [key.eventKey, key.platform, key.chatExternalId, key.userId ?? ""] as const;
  const raw = rawReads(db);
  const row = raw
    ? raw.get<Row>(
        LOOKUP_SQLITE,
        LOOKUP_SQLITE_ORDER.map((i) => params[i]!),
      )
    : (await db.prisma.$queryRawUnsafe<Row[]>(LOOKUP, ...params))[0];
  if (!row) throw new Error("inbound lookup returned no row");
  const chat: ChatRow | null =
    row.cId === null || row.cId === undefined
      ? null
      : {
          id: Number(row.cId),
          platform: row.cPlatform!,
          externalId: row.cExternalId!,
          kind: row.cKind!,
          title: row.cTitle,
          councilId: int(row.cCouncilId),
          purpose: row.cPurpose,
          unitId: int(row.cUnitId),
          active: bool(row.cActive),
          inactiveReason: row.cInactiveReason,
          canPin: row.cCanPin === null || row.cCanPin === undefined ? null : bool(row.cCanPin),
        };
  const person: InboundPerson | null =
    key.userId !== null && row.iId !== null && row.iId !== undefined && row.mId !== null && bool(row.mActive)
      ? {
          identityId: Number(row.iId),
          memberId: Number(row.mId),
          councilId: Number(row.mCouncilId),
          fullName: row.mFullName!,
          role: row.mRole!,
          unitId: int(row.mUnitId),
          unitName: row.uName ?? null,
          unitCode: row.uCode ?? null,
        }
      : null;
  const reason = key.userId !== null ? row.uaReason : null;
  return {
    processed: row.processed !== null && row.processed !== undefined,
    started: row.started !== null && row.started !== undefined,
    chat,
    person,
    unlinkedReason: reason === "deactivated" || reason === "unlinked" ? reason : null,
  };
}
