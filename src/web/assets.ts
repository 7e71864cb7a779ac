/**
 * The console's own stylesheet, script and icon, read once at start and served by the service itself
 * (no CDN: offices often sit behind a proxy that reaches nothing). The version in their URLs is a hash of
 * their content, so browsers may cache them for a year and still get a new file after an upgrade.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const read = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");

export const ASSETS: Record<string, { body: string; type: string }> = {
  "console.css": { body: read("console.css"), type: "text/css; charset=utf-8" },
  "console.js": { body: read("console.js"), type: "text/javascript; charset=utf-8" },
  "favicon.svg": { body: read("favicon.svg"), type: "image/svg+xml" },
};

export const ASSET_VERSION = createHash("sha256")
  .update(
    Object.values(ASSETS)
      .map((a) => a.body)
      .join("\n"),
  )
  .digest("hex")
  .slice(0, 10);
