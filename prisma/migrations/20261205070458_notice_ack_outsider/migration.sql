-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NoticeAck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "platform" TEXT NOT NULL,
    "chatId" INTEGER,
    "via" TEXT NOT NULL DEFAULT 'button',
    "outsider" BOOLEAN NOT NULL DEFAULT false,
    "ackedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NoticeAck_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "NoticeAck_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "NoticeAck_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_NoticeAck" ("ackedAt", "chatId", "id", "memberId", "noticeId", "platform", "unitId", "via") SELECT "ackedAt", "chatId", "id", "memberId", "noticeId", "platform", "unitId", "via" FROM "NoticeAck";
DROP TABLE "NoticeAck";
ALTER TABLE "new_NoticeAck" RENAME TO "NoticeAck";
CREATE INDEX "NoticeAck_noticeId_chatId_idx" ON "NoticeAck"("noticeId", "chatId");
CREATE UNIQUE INDEX "NoticeAck_noticeId_memberId_key" ON "NoticeAck"("noticeId", "memberId");
-- Acknowledgements recorded before this change took the group's unit when the presser had none (the office)
-- and counted a press in another unit's group. Reclassify them: the presser's own unit, and "outsider" when
-- the press was in the group of a unit that is not theirs.
UPDATE "NoticeAck" SET "unitId" = (SELECT "unitId" FROM "Member" WHERE "Member"."id" = "NoticeAck"."memberId");
UPDATE "NoticeAck" SET "outsider" = 1 WHERE EXISTS (
    SELECT 1 FROM "NoticeDelivery" d
    WHERE d."noticeId" = "NoticeAck"."noticeId" AND d."chatId" = "NoticeAck"."chatId" AND d."unitId" IS NOT NULL
      AND ("NoticeAck"."unitId" IS NULL OR "NoticeAck"."unitId" <> d."unitId")
);
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
