-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "evidenceUrl" TEXT;

-- CreateTable
CREATE TABLE "KeyResultCoOwner" (
    "keyResultId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    PRIMARY KEY ("keyResultId", "personId"),
    CONSTRAINT "KeyResultCoOwner_keyResultId_fkey" FOREIGN KEY ("keyResultId") REFERENCES "KeyResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyResultCoOwner_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckInRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkInId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "confidence" TEXT NOT NULL,
    "note" TEXT,
    "evidenceUrl" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CheckInRevision_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckinPrompt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "snoozedUntil" DATETIME,
    "snoozes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckinPrompt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "since" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Escalation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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
    CONSTRAINT "Team_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Team" ("channelId", "checkinDay", "checkinTime", "digestDay", "digestTime", "id", "name", "timezone", "workspaceId") SELECT "channelId", "checkinDay", "checkinTime", "digestDay", "digestTime", "id", "name", "timezone", "workspaceId" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE UNIQUE INDEX "Team_workspaceId_name_key" ON "Team"("workspaceId", "name");
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
    CONSTRAINT "Person_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("id", "name", "slackUserId", "tz", "tzFetchedAt", "workspaceId") SELECT "id", "name", "slackUserId", "tz", "tzFetchedAt", "workspaceId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_workspaceId_slackUserId_key" ON "Person"("workspaceId", "slackUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CheckInRevision_checkInId_idx" ON "CheckInRevision"("checkInId");

-- CreateIndex
CREATE INDEX "CheckinPrompt_workspaceId_period_idx" ON "CheckinPrompt"("workspaceId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "CheckinPrompt_personId_period_key" ON "CheckinPrompt"("personId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_teamId_personId_since_key" ON "Escalation"("teamId", "personId", "since");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

