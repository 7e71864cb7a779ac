/**
 * The closed vocabularies of the domain. Stored as strings in the database (portable across SQLite and
 * PostgreSQL) and validated here. Vietnamese spellings an office types in a spreadsheet are accepted too.
 */
import { foldVietnamese } from "../text/fold.js";

export const ROLES = ["admin", "office", "standing", "committee", "vice_chair", "delegate"] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ["province", "commune", "ward", "special_zone", "village", "residential_group", "committee", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CHAT_PURPOSES = ["unit", "announce", "standing", "committee", "office"] as const;
export type ChatPurpose = (typeof CHAT_PURPOSES)[number];

/** Roles whose members belong to one unit (their reports and issues are for that unit). */
export const ROLES_NEEDING_UNIT: readonly Role[] = ["vice_chair", "committee"];

const ROLE_ALIASES: Record<string, Role> = {
  admin: "admin",
  "quan tri": "admin",
  "quan tri vien": "admin",
  office: "office",
  "van phong": "office",
  "chuyen vien": "office",
  standing: "standing",
  "standing committee": "standing",
  "thuong truc": "standing",
  "thuong truc hdnd": "standing",
  committee: "committee",
  ban: "committee",
  "ban hdnd": "committee",
  vice_chair: "vice_chair",
  "vice chair": "vice_chair",
  "pho chu tich": "vice_chair",
  "pho chu tich hdnd xa": "vice_chair",
  "pho chu tich hdnd": "vice_chair",
  delegate: "delegate",
  "dai bieu": "delegate",
  "dai bieu hdnd": "delegate",
};

const UNIT_KIND_ALIASES: Record<string, UnitKind> = {
  province: "province",
  tinh: "province",
  "thanh pho": "province",
  commune: "commune",
  xa: "commune",
  ward: "ward",
  phuong: "ward",
  special_zone: "special_zone",
  "special zone": "special_zone",
  "dac khu": "special_zone",
  village: "village",
  thon: "village",
  ban_lang: "village",
  lang: "village",
  ap: "village",
  residential_group: "residential_group",
  "to dan pho": "residential_group",
  khu_pho: "residential_group",
  "khu pho": "residential_group",
  committee: "committee",
  ban: "committee",
  "ban hdnd": "committee",
  other: "other",
  khac: "other",
};

const PURPOSE_ALIASES: Record<string, ChatPurpose> = {
  unit: "unit",
  "don vi": "unit",
  announce: "announce",
  "thong bao": "announce",
  standing: "standing",
  "thuong truc": "standing",
  committee: "committee",
  ban: "committee",
  office: "office",
  "van phong": "office",
};

const key = (value: string) => foldVietnamese(value).replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
const lookup = <T>(table: Record<string, T>, value: string): T | undefined => table[value.trim()] ?? table[key(value)];

export const parseRole = (value: string): Role | undefined => lookup(ROLE_ALIASES, value);
export const parseUnitKind = (value: string): UnitKind | undefined => lookup(UNIT_KIND_ALIASES, value);
export const parseChatPurpose = (value: string): ChatPurpose | undefined => lookup(PURPOSE_ALIASES, value);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Unit and member codes are case-insensitive for people; stored upper-case. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase();
