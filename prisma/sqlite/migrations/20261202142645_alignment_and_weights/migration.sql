-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "checkinDay" INTEGER NOT NULL DEFAULT 1,
    "checkinTime" TEXT NOT NULL DEFAULT '09:00',
    "digestDay" INTEGER NOT NULL DEFAULT 5,
    "digestTime" TEXT NOT NULL DEFAULT '16:00',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "cadence" TEXT NOT NULL DEFAULT 'weekly',
    "graceMinutes" INTEGER,
    "reminderDelayHours" INTEGER NOT NULL DEFAULT 24,
    "escalateAfter" INTEGER NOT NULL DEFAULT 2,
    "chartEveryWeeks" INTEGER NOT NULL DEFAULT 1,
    "retroOpensDaysBefore" INTEGER NOT NULL DEFAULT 7,
    "parentId" INTEGER,
    CONSTRAINT "Team_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Team_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Team" ("cadence", "channelId", "chartEveryWeeks", "checkinDay", "checkinTime", "digestDay", "digestTime", "escalateAfter", "graceMinutes", "id", "name", "reminderDelayHours", "retroOpensDaysBefore", "timezone", "workspaceId") SELECT "cadence", "channelId", "chartEveryWeeks", "checkinDay", "checkinTime", "digestDay", "digestTime", "escalateAfter", "graceMinutes", "id", "name", "reminderDelayHours", "retroOpensDaysBefore", "timezone", "workspaceId" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE UNIQUE INDEX "Team_workspaceId_name_key" ON "Team"("workspaceId", "name");
CREATE TABLE "new_Objective" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "ownerId" INTEGER,
    "title" TEXT NOT NULL,
    "why" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "alignsToId" INTEGER,
    CONSTRAINT "Objective_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Objective_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Objective_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Objective_alignsToId_fkey" FOREIGN KEY ("alignsToId") REFERENCES "Objective" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Objective" ("cycleId", "id", "ownerId", "position", "teamId", "title", "why") SELECT "cycleId", "id", "ownerId", "position", "teamId", "title", "why" FROM "Objective";
DROP TABLE "Objective";
ALTER TABLE "new_Objective" RENAME TO "Objective";
CREATE INDEX "Objective_cycleId_idx" ON "Objective"("cycleId");
CREATE UNIQUE INDEX "Objective_teamId_cycleId_title_key" ON "Objective"("teamId", "cycleId", "title");
CREATE TABLE "new_KeyResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "objectiveId" INTEGER NOT NULL,
    "ownerId" INTEGER,
    "title" TEXT NOT NULL,
    "baseline" REAL NOT NULL,
    "target" REAL NOT NULL,
    "unit" TEXT,
    "measuredBy" TEXT,
    "direction" TEXT NOT NULL,
    "directionSet" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "proposedById" INTEGER,
    "pendingSince" DATETIME,
    "carriedFromId" INTEGER,
    "weight" REAL NOT NULL DEFAULT 1,
    CONSTRAINT "KeyResult_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "Objective" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyResult_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "KeyResult_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "KeyResult_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "KeyResult" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_KeyResult" ("archivedAt", "baseline", "carriedFromId", "direction", "directionSet", "id", "measuredBy", "objectiveId", "ownerId", "pendingSince", "position", "proposedById", "target", "title", "unit") SELECT "archivedAt", "baseline", "carriedFromId", "direction", "directionSet", "id", "measuredBy", "objectiveId", "ownerId", "pendingSince", "position", "proposedById", "target", "title", "unit" FROM "KeyResult";
DROP TABLE "KeyResult";
ALTER TABLE "new_KeyResult" RENAME TO "KeyResult";
CREATE UNIQUE INDEX "KeyResult_carriedFromId_key" ON "KeyResult"("carriedFromId");
CREATE INDEX "KeyResult_ownerId_idx" ON "KeyResult"("ownerId");
CREATE UNIQUE INDEX "KeyResult_objectiveId_title_key" ON "KeyResult"("objectiveId", "title");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

