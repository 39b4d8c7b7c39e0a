-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "baselineFromCheckIn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "comparator" TEXT,
ADD COLUMN     "targetText" TEXT;

