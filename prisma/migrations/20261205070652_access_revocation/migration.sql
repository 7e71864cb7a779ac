-- CreateTable
CREATE TABLE "UnlinkedAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InviteFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "blockedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InviteCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "councilId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" INTEGER,
    "memberId" INTEGER,
    "fullName" TEXT,
    "createdByLabel" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedByIdentityId" INTEGER,
    "revokedAt" DATETIME,
    "hashKind" TEXT NOT NULL DEFAULT 'sha256',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InviteCode_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InviteCode_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "InviteCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_InviteCode" ("codeHash", "councilId", "createdAt", "createdByLabel", "expiresAt", "fullName", "id", "memberId", "revokedAt", "role", "unitId", "usedAt", "usedByIdentityId") SELECT "codeHash", "councilId", "createdAt", "createdByLabel", "expiresAt", "fullName", "id", "memberId", "revokedAt", "role", "unitId", "usedAt", "usedByIdentityId" FROM "InviteCode";
DROP TABLE "InviteCode";
ALTER TABLE "new_InviteCode" RENAME TO "InviteCode";
CREATE UNIQUE INDEX "InviteCode_codeHash_key" ON "InviteCode"("codeHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "UnlinkedAccount_platform_platformUserId_key" ON "UnlinkedAccount"("platform", "platformUserId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteFailure_platform_platformUserId_key" ON "InviteFailure"("platform", "platformUserId");
