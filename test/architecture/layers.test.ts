/**
 * The build refuses a layering violation: chat SDKs only in their platform's folder, Prisma only in
 * src/db, process.env only in src/config.ts, core and domain below the chat layer, platform adapters
 * known only to the composition root. The second block breaks each rule on purpose in a made-up tree,
 * so a checker that stopped seeing imports would fail here rather than pass quietly.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkLayers, readSources, type SourceFile } from "./import-graph.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the repository's layers", () => {
  it("break no rule", () => {
    const files = readSources(root, ["src", "commands"]);
    // The walk really read the tree: the layers it checks are all there.
    for (const f of ["src/config.ts", "src/core/actor.ts", "src/db/chats.ts", "src/platforms/zalo/zalo-api.ts", "src/app.ts"])
      expect(files.map((x) => x.file)).toContain(f);
    expect(checkLayers(files).map((v) => `${v.rule}: ${v.file}:${v.line} ${v.detail}`)).toEqual([]);
  });
});

describe("each rule, broken on purpose", () => {
  const one = (file: string, text: string): SourceFile[] => [{ file, text }];
  const rules = (files: SourceFile[]) => checkLayers(files).map((v) => `${v.rule} @${v.file}:${v.line}`);

  it("a chat SDK outside its platform folder", () => {
    expect(rules(one("src/cli/commands/zalo.ts", 'import { ThreadType } from "zca-js";'))).toEqual([
      "chat SDKs only in their platform folder @src/cli/commands/zalo.ts:1",
    ]);
    expect(rules(one("src/platforms/zalo/x.ts", 'import type { Context } from "telegraf";'))).toEqual([
      "chat SDKs only in their platform folder @src/platforms/zalo/x.ts:1",
    ]);
    expect(rules(one("src/platforms/zalo/x.ts", 'import { Zalo } from "zca-js";'))).toEqual([]);
  });

  it("Prisma outside src/db: an import, a generated client, a query, raw SQL", () => {
    expect(rules(one("src/web/a.ts", 'import { Prisma } from "@prisma/client";'))).toEqual(["Prisma only in src/db @src/web/a.ts:1"]);
    expect(rules(one("src/core/a.ts", 'import type { Member } from "../generated/prisma/index.js";'))).toEqual([
      "Prisma only in src/db @src/core/a.ts:1",
    ]);
    expect(rules(one("src/cli/a.ts", "\nconst rows = await db.prisma.chat.findMany({ where: {} });"))).toEqual([
      "Prisma only in src/db @src/cli/a.ts:2",
    ]);
    expect(rules(one("src/jobs/a.ts", "await db.prisma.$queryRaw`SELECT 1`;"))).toEqual(["Prisma only in src/db @src/jobs/a.ts:1"]);
    expect(rules(one("src/db/a.ts", "const rows = await db.chat.findMany({}); await db.$queryRaw`SELECT 1`;"))).toEqual([]);
    // Passing the handle to a repository is how everyone else reaches the database.
    expect(rules(one("src/core/a.ts", "await listUnits(ctx.db.prisma, 1);"))).toEqual([]);
  });

  it("process.env outside the config", () => {
    expect(rules(one("src/cli/context.ts", "export function f(env = process.env) {}"))).toEqual([
      "process.env only in src/config.ts @src/cli/context.ts:1",
    ]);
    expect(rules(one("src/config.ts", "const e = process.env;"))).toEqual([]);
    // Words in a comment or a string are not a read.
    expect(rules(one("src/cli/context.ts", '// process.env is read by config.ts\nconst s = "process.env";'))).toEqual([]);
  });

  it("core or domain above the chat layer, in every import form", () => {
    expect(
      rules([
        { file: "src/core/notices/a.ts", text: 'import type { Actor } from "../../bot/context.js";' },
        { file: "src/core/b.ts", text: 'export { searchUnits } from "../flows/pick-unit.js";' },
        { file: "src/core/c.ts", text: 'type F = import("../web/server.js").WebConsole;' },
        { file: "src/domain/d.ts", text: 'const m = await import("../jobs/scheduler.js");' },
        { file: "src/core/e.ts", text: 'import { x } from "../../commands/index.js";' },
      ]),
    ).toEqual([
      "core and domain below the chat layer @src/core/notices/a.ts:1",
      "core and domain below the chat layer @src/core/b.ts:1",
      "core and domain below the chat layer @src/core/c.ts:1",
      "core and domain below the chat layer @src/domain/d.ts:1",
      "core and domain below the chat layer @src/core/e.ts:1",
    ]);
    expect(rules(one("src/flows/a.ts", 'import type { Actor } from "../core/actor.js";'))).toEqual([]);
  });

  it("domain reaching into the database or delivery", () => {
    expect(rules(one("src/domain/a.ts", 'import { enqueue } from "../delivery/outbox.js";'))).toEqual([
      "domain is pure rules @src/domain/a.ts:1",
    ]);
  });

  it("a platform adapter used by anything but the composition root", () => {
    expect(rules(one("src/delivery/a.ts", 'import { ZaloSender } from "../platforms/zalo/sender.js";'))).toEqual([
      "platform adapters are reached only through the composition root @src/delivery/a.ts:1",
    ]);
    expect(rules(one("src/platforms/zalo-bot/a.ts", 'import { render } from "../telegram/render.js";'))).toEqual([
      "platform adapters are reached only through the composition root @src/platforms/zalo-bot/a.ts:1",
    ]);
    expect(rules(one("src/app.ts", 'import { TelegramAdapter } from "./platforms/telegram/adapter.js";'))).toEqual([]);
    // The registry lists the platforms; the core reaches it only through the capabilities it registered.
    expect(rules(one("src/platforms/registry.ts", 'import { zaloPlatform } from "./zalo/platform.js";'))).toEqual([]);
    expect(rules(one("src/delivery/a.ts", 'import { PLATFORM_MODULES } from "../platforms/registry.js";'))).toEqual([
      "platform adapters are reached only through the composition root @src/delivery/a.ts:1",
    ]);
  });
});
