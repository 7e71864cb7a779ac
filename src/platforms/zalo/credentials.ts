/**
 * The Zalo session on disk: `{ imei, userAgent, cookie }` as zca-js's login wants them, in the file named
 * by ZALO_CREDENTIALS_FILE. Whoever holds this file is the council's Zalo account, so it is written
 * readable by its owner only (0600), atomically (write a temporary file, then rename), and a file found
 * with wider permissions is narrowed. Nothing here ever logs the cookie or the imei.
 */
import { constants as fsConstants } from "node:fs";
import { chmod, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** One cookie as tough-cookie serialises it (`key`) or as browser extensions export it (`name`). */
const cookieSchema = z
  .object({
    key: z.string().optional(),
    name: z.string().optional(),
    value: z.string(),
    domain: z.string().optional(),
    path: z.string().optional(),
  })
  .passthrough()
  .refine((c) => Boolean(c.key ?? c.name), "a cookie needs a key or a name");

export type ZaloCookie = z.infer<typeof cookieSchema>;

const credentialsSchema = z.object({
  imei: z.string().trim().min(1, "imei is empty"),
  userAgent: z.string().trim().min(1, "userAgent is empty"),
  cookie: z.union([
    z.array(cookieSchema).min(1, "cookie list is empty"),
    z.object({ url: z.string(), cookies: z.array(cookieSchema).min(1) }).passthrough(),
  ]),
  language: z.string().optional(),
  /** when this file was last written (ISO time); informational */
  savedAt: z.string().optional(),
});

export type ZaloCredentials = z.infer<typeof credentialsSchema>;

export type ReadCredentialsResult =
  | { ok: true; credentials: ZaloCredentials /** permissions were wider than 0600 and were narrowed */; fixedMode: boolean }
  | { ok: false; reason: "missing" | "unreadable" | "malformed"; message: string };

const LOGIN_HINT = "run `council zalo login` to sign in with the council's Zalo account";

/** Checks a parsed value; the message names what is wrong without echoing any secret. */
export function validateCredentials(value: unknown): { ok: true; credentials: ZaloCredentials } | { ok: false; problem: string } {
  const parsed = credentialsSchema.safeParse(value);
  if (parsed.success) return { ok: true, credentials: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join(".") || "file"}: ${issue.message}` };
}

/** Permission bits of the file (e.g. 0o600), or null when it does not exist. */
export async function fileMode(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Narrows the file to 0600 if group or others may read or write it; true when it changed something. */
export async function ensureOwnerOnly(file: string): Promise<boolean> {
  const mode = await fileMode(file);
  if (mode === null || (mode & 0o077) === 0) return false;
  await chmod(file, 0o600);
  return true;
}

export async function readCredentials(file: string): Promise<ReadCredentialsResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      return { ok: false, reason: "missing", message: `The Zalo credentials file ${file} does not exist: ${LOGIN_HINT}.` };
    return {
      ok: false,
      reason: "unreadable",
      message: `The Zalo credentials file ${file} cannot be read (${code ?? "error"}): check its owner and permissions, or ${LOGIN_HINT}.`,
    };
  }
  const fixedMode = await ensureOwnerOnly(file).catch(() => false);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed", message: `The Zalo credentials file ${file} is not valid JSON: ${LOGIN_HINT} again.` };
  }
  const checked = validateCredentials(json);
  if (!checked.ok)
    return {
      ok: false,
      reason: "malformed",
      message: `The Zalo credentials file ${file} is incomplete (${checked.problem}): ${LOGIN_HINT} again.`,
    };
  return { ok: true, credentials: checked.credentials, fixedMode };
}

/**
 * Writes the credentials with mode 0600: to a temporary file in the same folder (created 0600), flushed,
 * then renamed over the old file, so a crash never leaves half a file and the secret is never readable by
 * others, not even for a moment.
 */
export async function writeCredentials(file: string, credentials: ZaloCredentials, now: Date = new Date()): Promise<void> {
  const checked = validateCredentials(credentials);
  if (!checked.ok) throw new Error(`refusing to save incomplete Zalo credentials (${checked.problem})`);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const body = `${JSON.stringify({ ...checked.credentials, savedAt: now.toISOString() }, null, 2)}\n`;
  const handle = await open(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
  try {
    await handle.writeFile(body, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(tmp, 0o600); // in case the umask or the file system widened it
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await ensureOwnerOnly(file);
}

export interface CredentialsStatus {
  file: string;
  present: boolean;
  mode: number | null;
  ownerOnly: boolean;
  modifiedAt: Date | null;
  savedAt: string | null;
  valid: boolean;
  problem: string | null;
  /** earliest expiry among the session cookies (zpw_sek, zpsid), when the file says */
  sessionExpiresAt: Date | null;
}

/** What `council zalo status` shows: never the secrets themselves. Does not change the file. */
export async function credentialsStatus(file: string): Promise<CredentialsStatus> {
  const base: CredentialsStatus = {
    file,
    present: false,
    mode: null,
    ownerOnly: false,
    modifiedAt: null,
    savedAt: null,
    valid: false,
    problem: null,
    sessionExpiresAt: null,
  };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return { ...base, problem: "missing" };
  }
  const mode = info.mode & 0o777;
  const status: CredentialsStatus = { ...base, present: true, mode, ownerOnly: (mode & 0o077) === 0, modifiedAt: info.mtime };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    return {
      ...status,
      problem: (err as NodeJS.ErrnoException).code ? `unreadable (${(err as NodeJS.ErrnoException).code})` : "not valid JSON",
    };
  }
  const checked = validateCredentials(json);
  if (!checked.ok) return { ...status, problem: checked.problem };
  const cookies = Array.isArray(checked.credentials.cookie) ? checked.credentials.cookie : checked.credentials.cookie.cookies;
  const expiries = cookies
    .filter((c) => ["zpw_sek", "zpsid"].includes(c.key ?? c.name ?? ""))
    .map((c) => {
      const raw = (c as Record<string, unknown>).expires ?? (c as Record<string, unknown>).expirationDate;
      if (typeof raw === "number") return new Date(raw < 1e12 ? raw * 1000 : raw);
      if (typeof raw === "string" && raw !== "Infinity") return new Date(raw);
      return null;
    })
    .filter((d): d is Date => d !== null && !Number.isNaN(d.getTime()));
  return {
    ...status,
    valid: true,
    savedAt: checked.credentials.savedAt ?? null,
    sessionExpiresAt: expiries.length > 0 ? new Date(Math.min(...expiries.map((d) => d.getTime()))) : null,
  };
}
