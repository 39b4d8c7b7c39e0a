-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "auto" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sourceName" TEXT,
ADD COLUMN     "sourceSpec" TEXT;

