/**
 * `council zalo ...`: sign the council's Zalo account in by QR code, list the groups it is in, and show
 * the state of the saved session. The session is stored in ZALO_CREDENTIALS_FILE (mode 0600).
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CommandRegistrar } from "../main.js";
import { CliError, formatTable, type CliContext } from "../context.js";
import { credentialsStatus, readCredentials, writeCredentials, type ZaloCredentials } from "../../platforms/zalo/credentials.js";
import { renderQrPngForTerminal } from "../../platforms/zalo/qr-terminal.js";
import { QrLoginError, signInByQr } from "../../platforms/zalo/qr-login.js";
import {
  adaptZcaApi,
  createRealZaloApi,
  realQrLogin,
  type ZaloApi,
  type ZaloConnector,
  type ZaloQrLogin,
} from "../../platforms/zalo/zalo-api.js";
import { redactSecrets } from "../../logging/logger.js";
import { findChatsWithUnits } from "../../db/chats.js";

export interface ZaloCliDeps {
  /** QR login (zca-js loginQR); tests pass a fake */
  qrLogin: ZaloQrLogin;
  /** login from saved credentials (zca-js login); tests pass a fake */
  connect: ZaloConnector;
}

/** How many fresh QR codes `council zalo login` shows before giving up (each lasts about 100 s). */
const MAX_QR_CODES = 3;

/** The QR image is written next to the credentials file. */
export const qrPathFor = (credentialsFile: string): string => path.join(path.dirname(credentialsFile), "zalo-login-qr.png");

async function loginFromFile(c: CliContext, connect: ZaloConnector): Promise<{ api: ZaloApi; credentials: ZaloCredentials }> {
  const file = c.config.zalo.credentialsFile;
  const read = await readCredentials(file);
  if (!read.ok) throw new CliError(read.message);
  try {
    return { api: adaptZcaApi(await connect(read.credentials)), credentials: read.credentials };
  } catch (err) {
    throw new CliError(
      `Zalo did not accept the saved session (${redactSecrets((err as Error).message)}). Run \`council zalo login\` to sign in again.`,
    );
  }
}

/** Writes back the cookie jar after a call (Zalo refreshes cookies as it answers). Best effort. */
async function saveRefreshed(c: CliContext, api: ZaloApi, credentials: ZaloCredentials): Promise<void> {
  try {
    const cookie = api.exportCookies();
    if (Array.isArray(cookie) && cookie.length > 0)
      await writeCredentials(c.config.zalo.credentialsFile, { ...credentials, cookie }, c.clock.now());
  } catch (err) {
    c.logger.warn({ reason: redactSecrets((err as Error).message) }, "could not save the refreshed Zalo cookies");
  }
}

const octal = (mode: number | null) => (mode === null ? "-" : `0${mode.toString(8).padStart(3, "0")}`);

export function zaloCommandRegistrar(overrides: Partial<ZaloCliDeps> = {}): CommandRegistrar {
  const deps: ZaloCliDeps = { qrLogin: realQrLogin, connect: createRealZaloApi, ...overrides };
  return (program, ctx) => {
    const zalo = program.command("zalo").description("The council's Zalo account (personal account driven through zca-js)");

    zalo
      .command("login")
      .description("Sign in by scanning a QR code with the Zalo app of the council's account, and save the session")
      .option("--user-agent <ua>", "the browser user agent the session presents (keep the default unless told otherwise)")
      .action(async (opts: { userAgent?: string }) => {
        const c = ctx();
        const file = c.config.zalo.credentialsFile;
        const qrPath = qrPathFor(file);
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        let signedIn: Awaited<ReturnType<typeof signInByQr>>;
        try {
          signedIn = await signInByQr(
            deps.qrLogin,
            {
              qrPath,
              credentialsFile: file,
              maxCodes: MAX_QR_CODES,
              now: c.clock.now(),
              ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
            },
            {
              qrCode(png, n) {
                const saved = writeFile(qrPath, png, { mode: 0o600 }).catch((err) =>
                  c.logger.warn({ reason: (err as Error).message }, "could not save the QR image"),
                );
                const drawn = renderQrPngForTerminal(png);
                c.out(n === 1 ? "Scan this QR code with the Zalo app of the council's account (Zalo > QR scanner):" : "A new QR code:");
                c.out(drawn ?? "(the QR code cannot be drawn in this terminal; open the image file below)");
                c.out(`The same QR code is saved as ${qrPath}. It is valid for about 100 seconds.`);
                return saved;
              },
              expired: (again) => c.out(again ? "The QR code expired; here is a new one." : "The QR code expired again; stopping."),
              scanned: (name) => c.out(`Scanned by "${name}". Confirm the sign-in on the phone.`),
              declined: () => c.out("The sign-in was declined on the phone."),
            },
          );
        } catch (err) {
          if (!(err instanceof QrLoginError)) throw err;
          if (err.kind === "declined")
            throw new CliError("Zalo sign-in was declined on the phone. Run `council zalo login` again when ready.");
          if (err.kind === "aborted")
            throw new CliError("Zalo sign-in was stopped before the QR code was scanned. Run `council zalo login` again.");
          if (err.kind === "no_session")
            throw new CliError(
              "Zalo sign-in finished without handing over the session; nothing was saved. Run `council zalo login` again.",
            );
          throw new CliError(`Zalo sign-in failed: ${err.message}`);
        }
        const { api, credentials: loginInfo } = signedIn;
        // The login itself refreshed some cookies: save the jar as it is now.
        await saveRefreshed(c, api, loginInfo);
        await rm(qrPath, { force: true });
        const account = (() => {
          try {
            return api.getOwnId();
          } catch {
            return "?";
          }
        })();
        c.out(`Signed in as Zalo account ${account}. The session is saved in ${file} (readable by its owner only).`);
        c.out("Next:");
        c.out(
          `  - ${c.config.zalo.enabled ? "ZALO_ENABLED is true:" : "set ZALO_ENABLED=true in .env, then"} start or restart the service (npm start); a running service picks up the new session within a minute.`,
        );
        c.out(
          "  - add this account to the communes' Zalo groups, then type /dangky in each group (or see them with `council zalo groups`).",
        );
        c.out(
          "  - do not open Zalo Web or another bot with this account: that signs the service out. Expect to sign in again every few weeks.",
        );
      });

    zalo
      .command("groups")
      .description("List the Zalo groups the account is in (id, name, members) and whether each is registered")
      .option("--json", "print JSON")
      .action(async (opts: { json?: boolean }) => {
        const c = ctx();
        const { api, credentials } = await loginFromFile(c, deps.connect);
        let ids: string[];
        let info: Awaited<ReturnType<ZaloApi["getGroupInfo"]>>;
        try {
          ids = await api.getAllGroupIds();
          info = ids.length > 0 ? await api.getGroupInfo(ids) : {};
        } catch (err) {
          throw new CliError(`Zalo did not list the groups: ${redactSecrets((err as Error).message)}`);
        }
        const db = await c.db();
        const chats = ids.length > 0 ? await findChatsWithUnits(db.prisma, "zalo", ids) : [];
        const byId = new Map(chats.map((ch) => [ch.externalId, ch]));
        const view = ids
          .map((id) => {
            const chat = byId.get(id);
            return {
              id,
              name: info[id]?.name ?? "",
              members: info[id]?.totalMember ?? null,
              registered: Boolean(chat?.purpose),
              purpose: chat?.purpose ?? null,
              unit: chat?.unit?.code ?? null,
              active: chat ? chat.active : null,
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name, "vi"));
        await saveRefreshed(c, api, credentials);
        if (opts.json) {
          c.out(JSON.stringify(view, null, 2));
          return;
        }
        c.out(
          formatTable(
            ["GROUP ID", "NAME", "MEMBERS", "REGISTERED"],
            view.map((g) => [
              g.id,
              g.name,
              g.members,
              g.registered ? `${g.purpose}${g.unit ? ` ${g.unit}` : ""}${g.active === false ? " (inactive)" : ""}` : "no",
            ]),
          ),
        );
        const unregistered = view.filter((g) => !g.registered).length;
        c.out(
          `${view.length} group(s), ${unregistered} not registered${unregistered > 0 ? " (type /dangky in the group, or use `council group add --platform zalo --chat-id ID ...`)" : ""}`,
        );
      });

    zalo
      .command("status")
      .description("Show whether the saved Zalo session exists, is readable only by its owner, and when it was saved")
      .option("--check", "also log in now to check that Zalo still accepts the session (does not start listening)")
      .option("--json", "print JSON")
      .action(async (opts: { check?: boolean; json?: boolean }) => {
        const c = ctx();
        let status = await credentialsStatus(c.config.zalo.credentialsFile);
        let accepted: boolean | null = null;
        let account: string | null = null;
        let checkProblem: string | null = null;
        if (opts.check && status.valid) {
          try {
            const { api, credentials } = await loginFromFile(c, deps.connect);
            accepted = true;
            account = api.getOwnId();
            await saveRefreshed(c, api, credentials);
          } catch (err) {
            accepted = false;
            checkProblem = (err as Error).message;
          }
          // Logging in narrows the file's permissions and saves refreshed cookies: show the file as it is now.
          status = await credentialsStatus(c.config.zalo.credentialsFile);
        }
        if (opts.json) {
          c.out(
            JSON.stringify(
              { ...status, mode: status.mode === null ? null : octal(status.mode), enabled: c.config.zalo.enabled, accepted, account },
              null,
              2,
            ),
          );
        } else {
          c.out(`Credentials file: ${status.file}`);
          if (!status.present) {
            c.out("State: missing. Run `council zalo login` to sign in the council's Zalo account.");
          } else {
            c.out(
              `Permissions: ${octal(status.mode)}${status.ownerOnly ? " (owner only)" : ` WARNING: readable by others; run \`chmod 600 ${status.file}\` (the service also narrows it when it starts)`}`,
            );
            c.out(
              `Saved at: ${status.savedAt ?? "unknown"}${status.modifiedAt ? ` (file modified ${status.modifiedAt.toISOString()})` : ""}`,
            );
            if (status.sessionExpiresAt) c.out(`Session cookie expires: ${status.sessionExpiresAt.toISOString()}`);
            c.out(
              status.valid
                ? "Contents: complete (imei, user agent, cookies)"
                : `Contents: unusable (${status.problem}). Run \`council zalo login\` again.`,
            );
          }
          c.out(`ZALO_ENABLED: ${c.config.zalo.enabled}`);
          if (accepted === true) c.out(`Zalo accepts the session (account ${account}).`);
          if (accepted === false) c.out(`Zalo does not accept the session: ${checkProblem}`);
        }
        if (accepted === false) throw new CliError("the saved Zalo session is no longer valid; run `council zalo login`");
      });
  };
}

export const registerZaloCommands: CommandRegistrar = zaloCommandRegistrar();
