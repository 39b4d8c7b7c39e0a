-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "cadence" TEXT NOT NULL DEFAULT 'weekly',
ADD COLUMN     "escalateAfter" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "graceMinutes" INTEGER,
ADD COLUMN     "reminderDelayHours" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "awayUntil" TIMESTAMP(3),
ADD COLUMN     "slackAway" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "slackAwayUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "evidenceUrl" TEXT;

-- CreateTable
CREATE TABLE "KeyResultCoOwner" (
    "keyResultId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "KeyResultCoOwner_pkey" PRIMARY KEY ("keyResultId","personId")
);

-- CreateTable
CREATE TABLE "CheckInRevision" (
    "id" SERIAL NOT NULL,
    "checkInId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "confidence" TEXT NOT NULL,
    "note" TEXT,
    "evidenceUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckInRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckinPrompt" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "snoozedUntil" TIMESTAMP(3),
    "snoozes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckinPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "since" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

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

-- AddForeignKey
ALTER TABLE "KeyResultCoOwner" ADD CONSTRAINT "KeyResultCoOwner_keyResultId_fkey" FOREIGN KEY ("keyResultId") REFERENCES "KeyResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyResultCoOwner" ADD CONSTRAINT "KeyResultCoOwner_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInRevision" ADD CONSTRAINT "CheckInRevision_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckinPrompt" ADD CONSTRAINT "CheckinPrompt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

