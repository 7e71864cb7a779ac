/**
 * The server's secret: the key of the invite codes' HMAC. A bare SHA-256 of an 8-character code from a
 * 31-letter alphabet (40 bits) is brute-forced from a copied database in minutes; keyed with a secret that
 * is not in the database, the stored hashes are worthless on their own.
 *
 * SERVER_SECRET wins when set. Otherwise a random 256-bit key is created once in DATA_DIR/server-secret
 * (mode 0600) and reused, so existing installations get a key without any step. The service and the CLI
 * read the same file. Never logged.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const cache = new Map<string, string>();

export const SERVER_SECRET_FILE = "server-secret";

export function serverSecret(config: { serverSecret: string | undefined; dataDir: string }): string {
  if (config.serverSecret) return config.serverSecret;
  const file = path.join(config.dataDir, SERVER_SECRET_FILE);
  const known = cache.get(file);
  if (known) return known;
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    secret = "";
  }
  if (secret.length < 32) {
    mkdirSync(config.dataDir, { recursive: true });
    secret = randomBytes(32).toString("base64url");
    try {
      // "wx": two processes starting at once must not each write their own key; the loser reads the winner's.
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    } catch {
      secret = readFileSync(file, "utf8").trim();
    }
    chmodSync(file, 0o600);
  }
  cache.set(file, secret);
  return secret;
}
