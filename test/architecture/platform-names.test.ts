/**
 * Capabilities, not names: outside a platform's own folder, the registry and the config (whose variables
 * are named for their platform), no code compares or passes a platform's name as a string literal
 * ("telegram", "zalo", "zalo_bot", "sandbox"), nor keys a table by one. The core asks `capabilitiesOf(chat.platform)` instead, so a new platform
 * is a folder and a line in the registry. The second test breaks the rule on purpose.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { readSources, type SourceFile } from "./import-graph.js";
import { knownPlatforms } from "../../src/messaging/platform.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where a platform's name may be written: its folder, the registry, the config, the `council zalo` command and its entry. */
const ALLOWED = [/^src\/platforms\//, /^src\/config\.ts$/, /^src\/cli\/commands\/zalo\.ts$/, /^src\/cli\/lazy\.ts$/];

function platformLiterals(files: SourceFile[], names: string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (ALLOWED.some((r) => r.test(f.file))) continue;
    const sf = ts.createSourceFile(f.file, f.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      // A string, or the key of a table by platform ({ telegram: 4096, zalo: 2000 }).
      const text =
        ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
          ? node.text
          : ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)
            ? node.name.text
            : undefined;
      if (text !== undefined && names.includes(text))
        out.push(`${f.file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} "${text}"`);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe("platform names", () => {
  const names = knownPlatforms().map((p) => p.name);

  it("appear only in the platforms' folders, the registry and the config", () => {
    expect(names).toEqual(["telegram", "zalo", "zalo_bot", "sandbox"]);
    expect(platformLiterals(readSources(root, ["src", "commands"]), names)).toEqual([]);
  });

  it("are caught when the core decides by one", () => {
    const broken: SourceFile[] = [
      { file: "src/core/notices/x.ts", text: 'if (chat.platform === "zalo") send(note);' },
      { file: "src/delivery/y.ts", text: "const limits = { telegram: 4096 }; const p = `zalo_bot`;" },
      { file: "src/platforms/zalo/z.ts", text: 'const platform = "zalo";' },
    ];
    expect(platformLiterals(broken, names)).toEqual([
      'src/core/notices/x.ts:1 "zalo"',
      'src/delivery/y.ts:1 "telegram"',
      'src/delivery/y.ts:1 "zalo_bot"',
    ]);
  });
});
