-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "comparator" TEXT,
    "targetText" TEXT,
    "baselineFromCheckIn" BOOLEAN NOT NULL DEFAULT false,
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

