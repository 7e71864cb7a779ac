#!/usr/bin/env node
// `npm run build` (also run by `npm install` through "prepare"): compiles src/ and commands/ to dist/ ahead
// of time, so `council` and `npm start` do not compile TypeScript at every start (tsx took ~1 s of each
// CLI call). bin/*.mjs use dist/ only while it is newer than every source file (see bin/entry.mjs).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
if (!existsSync(tsc)) {
  // A production install without dev dependencies: the sources keep running through tsx.
  console.log("build: TypeScript is not installed; bin/ will run the sources through tsx");
  process.exit(0);
}
rmSync(dist, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (r.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  console.error("build: tsc failed; bin/ will run the sources through tsx");
  // An install must not fail for it (the sources still run); `npm run build` reports the failure.
  process.exit(process.env.npm_lifecycle_event === "prepare" ? 0 : (r.status ?? 1));
}
// Files tsc does not copy: the console's and the sandbox's assets and the document worker's plain-JS entry.
cpSync(path.join(root, "src/web/assets"), path.join(dist, "src/web/assets"), { recursive: true });
cpSync(path.join(root, "src/platforms/sandbox/assets"), path.join(dist, "src/platforms/sandbox/assets"), { recursive: true });
for (const entry of readdirSync(path.join(root, "src"), { recursive: true, withFileTypes: true }))
  if (entry.isFile() && entry.name.endsWith(".mjs")) {
    const from = path.join(entry.parentPath, entry.name);
    cpSync(from, path.join(dist, path.relative(root, from)));
  }
writeFileSync(path.join(dist, "BUILT"), `${new Date().toISOString()}\n`);
console.log("build: dist/ ready");
