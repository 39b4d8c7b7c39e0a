-- AlterTable (columns added in place: no table rebuild)
ALTER TABLE "KeyResult" ADD COLUMN "sourceName" TEXT;
ALTER TABLE "KeyResult" ADD COLUMN "sourceSpec" TEXT;
ALTER TABLE "KeyResult" ADD COLUMN "auto" BOOLEAN NOT NULL DEFAULT false;
