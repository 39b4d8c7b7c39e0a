-- AlterTable
ALTER TABLE "Person" ADD COLUMN "tzChangedAt" DATETIME;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN "notifiedAt" DATETIME;

