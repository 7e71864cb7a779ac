import type { Db } from "./client.js";
import { storedPathsOfUnsent } from "./outbox.js";

const STORED = /files[/\\]{1,2}[0-9a-f]{64}\.[a-z0-9]{1,8}/g;
const norm = (p: string) => p.replace(/[/\\]+/g, "/");

/**
 * Notice uploads ("files/<sha256>.<ext>") something still needs: a notice's file, a message waiting to be
 * sent (a digest's .docx), or a draft in someone's unfinished /thongbao.
 */
export async function referencedNoticeFiles(db: Db): Promise<Set<string>> {
  const notices = await db.notice.findMany({ where: { filePath: { not: null } }, select: { filePath: true } });
  const drafts = await db.conversation.findMany({ where: { dataJson: { contains: "files" } }, select: { dataJson: true } });
  return new Set(
    [...notices.map((n) => n.filePath!), ...(await storedPathsOfUnsent(db)), ...drafts.flatMap((d) => d.dataJson.match(STORED) ?? [])].map(
      norm,
    ),
  );
}
