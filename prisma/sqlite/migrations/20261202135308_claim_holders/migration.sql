-- AlterTable
ALTER TABLE "SlackMessage" ADD COLUMN "attemptedAt" DATETIME;
ALTER TABLE "SlackMessage" ADD COLUMN "holderId" TEXT;

-- CreateTable
CREATE TABLE "ClaimHolder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL
);

