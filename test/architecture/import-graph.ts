/**
 * The layering rules of the README, as code: reads every TypeScript file of the given folders with the
 * TypeScript parser (static imports, re-exports, `import()` calls and `import("x").T` types alike),
 * and lists each place that breaks a rule. `layers.test.ts` runs it over the repository and over
 * small made-up trees that break each rule on purpose, so the checker itself is tested.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface SourceFile {
  /** path from the repository root, with forward slashes: "src/core/actor.ts" */
  file: string;
  text: string;
}

export interface Violation {
  rule: string;
  file: string;
  line: number;
  detail: string;
}

interface Use {
  kind: "import" | "process.env" | "prisma-call";
  /** the module as written, or the expression */
  what: string;
  /** a relative import resolved to a repository path (".js" read as ".ts"), else undefined */
  target?: string;
  line: number;
}

/** Prisma client methods: a call to one of these on `x.prisma.model` is a query written outside src/db. */
const PRISMA_OPS = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
]);

function usesOf(f: SourceFile): Use[] {
  const sf = ts.createSourceFile(f.file, f.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: Use[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const addImport = (spec: string, node: ts.Node) => {
    const target = spec.startsWith(".")
      ? path.posix.normalize(path.posix.join(path.posix.dirname(f.file), spec)).replace(/\.js$/, ".ts")
      : undefined;
    uses.push({ kind: "import", what: spec, line: lineOf(node), ...(target ? { target } : {}) });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      addImport(node.moduleSpecifier.text, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) addImport(e.text, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) addImport(arg.text, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      addImport(node.argument.literal.text, node);
    else if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (name === "env" && ts.isIdentifier(node.expression) && node.expression.text === "process")
        uses.push({ kind: "process.env", what: "process.env", line: lineOf(node) });
      if (name.startsWith("$") && /^\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)$/.test(name))
        uses.push({ kind: "prisma-call", what: node.getText(sf), line: lineOf(node) });
      if (
        PRISMA_OPS.has(name) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isPropertyAccessExpression(node.expression.expression) &&
        node.expression.expression.name.text === "prisma"
      )
        uses.push({ kind: "prisma-call", what: node.getText(sf), line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

const under = (file: string, ...folders: string[]) => folders.some((d) => file === d || file.startsWith(`${d}/`));
const isPackage = (spec: string, ...names: string[]) => names.some((n) => spec === n || spec.startsWith(`${n}/`));

/** The folder of a platform adapter a path lies in ("src/platforms/zalo"), or null (also for the registry beside them). */
const platformOf = (file: string): string | null => /^src\/platforms\/[^/]+(?=\/)/.exec(file)?.[0] ?? null;

/** The rules; each returns a message for a use that breaks it, or null. */
const RULES: { name: string; check(file: string, use: Use): string | null }[] = [
  {
    name: "chat SDKs only in their platform folder",
    check: (file, u) => {
      if (u.kind !== "import") return null;
      if (isPackage(u.what, "telegraf") && !under(file, "src/platforms/telegram")) return `imports ${u.what}`;
      if (isPackage(u.what, "zca-js") && !under(file, "src/platforms/zalo")) return `imports ${u.what}`;
      return null;
    },
  },
  {
    name: "Prisma only in src/db",
    check: (file, u) => {
      if (under(file, "src/db", "src/generated")) return null;
      if (u.kind === "prisma-call") return `queries the database directly: ${u.what}`;
      if (u.kind !== "import") return null;
      if (isPackage(u.what, "@prisma", "prisma") || (u.target !== undefined && under(u.target, "src/generated")))
        return `imports ${u.what}`;
      return null;
    },
  },
  {
    name: "process.env only in src/config.ts",
    check: (file, u) => (u.kind === "process.env" && file !== "src/config.ts" ? "reads process.env" : null),
  },
  {
    name: "core and domain below the chat layer",
    check: (file, u) =>
      u.kind === "import" &&
      u.target !== undefined &&
      under(file, "src/core", "src/domain") &&
      under(u.target, "src/bot", "src/flows", "src/platforms", "src/web", "src/cli", "src/jobs", "src/app.ts", "commands")
        ? `imports ${u.what}`
        : null,
  },
  {
    name: "domain is pure rules",
    check: (file, u) =>
      u.kind === "import" && u.target !== undefined && under(file, "src/domain") && under(u.target, "src/db", "src/delivery", "src/core")
        ? `imports ${u.what}`
        : null,
  },
  {
    name: "platform adapters are reached only through the composition root",
    check: (file, u) => {
      if (u.kind !== "import" || u.target === undefined) return null;
      // A platform's folder, or the registry that lists them all.
      const target = platformOf(u.target) ?? (under(u.target, "src/platforms") ? "src/platforms" : null);
      if (!target) return null;
      const own = platformOf(file);
      if (own === target) return null;
      // The composition root wires adapters; the CLI signs the Zalo account in; nothing else knows one.
      // capabilities.ts lists what each platform can do (no adapter) for the CLI.
      if (
        own === null &&
        (file === "src/app.ts" ||
          file === "src/main.ts" ||
          file === "src/platforms/registry.ts" ||
          file === "src/platforms/capabilities.ts" ||
          under(file, "src/cli"))
      )
        return null;
      return `imports ${u.what}`;
    },
  },
];

/** Every place in `files` that breaks a rule. */
export function checkLayers(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files)
    for (const use of usesOf(f))
      for (const rule of RULES) {
        const detail = rule.check(f.file, use);
        if (detail) out.push({ rule: rule.name, file: f.file, line: use.line, detail });
      }
  return out;
}

/** The TypeScript files under these folders of the repository (generated code left out). */
export function readSources(root: string, folders: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== "src/generated" && entry.name !== "node_modules") walk(rel);
      } else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
        out.push({ file: rel, text: readFileSync(path.join(root, rel), "utf8") });
    }
  };
  for (const d of folders) walk(d);
  return out;
}
