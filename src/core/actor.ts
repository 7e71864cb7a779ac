/**
 * The person behind an action, whichever door they came in by (a chat, the web console, the CLI). Core
 * rules take an `Actor`, so they live below the chat layer and every caller builds the same thing.
 */
import type { ActorRecord } from "../db/identities.js";
import type { Role } from "../domain/vocabulary.js";

export interface Actor {
  memberId: number;
  councilId: number;
  fullName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  unitCode: string | null;
  /** the chat account behind the action; null for the web console and the CLI */
  identityId: number | null;
}

/** The actor of a linked chat account. */
export function toActor(record: ActorRecord): Actor {
  return {
    memberId: record.member.id,
    councilId: record.member.councilId,
    fullName: record.member.fullName,
    role: record.member.role as Role,
    unitId: record.member.unitId,
    unitName: record.member.unit?.name ?? null,
    unitCode: record.member.unit?.code ?? null,
    identityId: record.id,
  };
}
