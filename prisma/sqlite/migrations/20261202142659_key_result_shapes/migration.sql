-- AlterTable (columns added in place rather than by redefining the table, so that it merges
-- with other migrations of KeyResult)
ALTER TABLE "KeyResult" ADD COLUMN "comparator" TEXT;
ALTER TABLE "KeyResult" ADD COLUMN "targetText" TEXT;
ALTER TABLE "KeyResult" ADD COLUMN "baselineFromCheckIn" BOOLEAN NOT NULL DEFAULT false;
