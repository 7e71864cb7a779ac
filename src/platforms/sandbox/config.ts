/**
 * The sandbox's own settings, derived from the service's: its database is a SQLite file in its own folder
 * (whatever engine the real data use, so training never touches them), no real chat platform, no operator
 * chat, and its console on its own port with its own cookie, so signing in there never signs anyone out of
 * the real console.
 */
import path from "node:path";
import type { Config } from "../../config.js";

export function sandboxConfig(config: Config): Config {
  const dir = config.sandbox.dir;
  const file = path.join(dir, "council.db");
  const host = config.web.host === "0.0.0.0" || config.web.host === "::" ? "127.0.0.1" : config.web.host;
  return {
    ...config,
    databaseUrl: `file:${file}`,
    database: { engine: "sqlite", file },
    dataDir: dir,
    councilCode: undefined,
    telegram: { ...config.telegram, token: undefined, webhook: undefined, adminChatId: undefined },
    zalo: { ...config.zalo, enabled: false },
    zaloBot: { ...config.zaloBot, token: undefined, webhook: undefined },
    operatorChat: undefined,
    // its own key, kept in its folder (a reset makes a new one)
    serverSecret: undefined,
    sandbox: { ...config.sandbox, enabled: false },
    web: {
      ...config.web,
      port: config.sandbox.consolePort,
      publicUrl: `http://${host.includes(":") ? `[${host}]` : host}:${config.sandbox.consolePort}`,
      publicUrlSet: false,
      secureCookies: false,
      cookieName: "hdnd_hopthu_phien",
    },
  };
}
