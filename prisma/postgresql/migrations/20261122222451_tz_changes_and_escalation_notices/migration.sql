-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "tzChangedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "notifiedAt" TIMESTAMP(3);

