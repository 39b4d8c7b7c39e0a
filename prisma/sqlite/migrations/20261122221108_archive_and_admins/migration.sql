-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN "archivedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT,
    "tz" TEXT,
    "tzFetchedAt" DATETIME,
    "awayUntil" DATETIME,
    "slackAway" BOOLEAN NOT NULL DEFAULT false,
    "slackAwayUntil" DATETIME,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Person_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("awayUntil", "id", "name", "slackAway", "slackAwayUntil", "slackUserId", "tz", "tzFetchedAt", "workspaceId") SELECT "awayUntil", "id", "name", "slackAway", "slackAwayUntil", "slackUserId", "tz", "tzFetchedAt", "workspaceId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_workspaceId_slackUserId_key" ON "Person"("workspaceId", "slackUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

