/**
 * Removes notice uploads nothing refers to any more (a draft abandoned or cancelled, a digest already sent).
 * Only files older than `olderThan` go: a file written a moment ago may belong to a draft not saved yet.
 */
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";

export async function sweepUnreferenced(dataDir: string, referenced: ReadonlySet<string>, olderThan: Date): Promise<string[]> {
  const folder = path.join(dataDir, "files");
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const relative = `files/${name}`;
    if (referenced.has(relative)) continue;
    // stored copies and their interrupted temporary files; anything else was put there by someone else
    if (!/^[0-9a-f]{64}\.[a-z0-9]{1,8}(?:\.\d+\.\d+\.tmp)?$/.test(name)) continue;
    const absolute = path.join(folder, name);
    try {
      if ((await stat(absolute)).mtime >= olderThan) continue;
      await unlink(absolute);
      removed.push(relative);
    } catch {
      // gone already, or not ours to remove: the next sweep looks again
    }
  }
  return removed;
}
