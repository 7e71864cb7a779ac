// Which code the bin scripts run: the ahead-of-time build in dist/ (`npm run build`, done by `npm install`)
// when it is newer than every source file, else the TypeScript sources through tsx's loader. Checking ~500
// file times takes a few milliseconds; compiling at run time took a second. COUNCIL_SOURCES=1 forces tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestSource() {
  let newest = 0;
  for (const dir of ["src", "commands"])
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Imports src/<relative>.ts, compiled or not. */
export async function importEntry(relative) {
  const built = path.join(root, "dist", "BUILT");
  if (process.env.COUNCIL_SOURCES !== "1" && existsSync(built) && statSync(built).mtimeMs >= newestSource())
    return import(pathToFileURL(path.join(root, "dist", "src", `${relative}.js`)).href);
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(path.join(root, "src", `${relative}.ts`)).href);
}
