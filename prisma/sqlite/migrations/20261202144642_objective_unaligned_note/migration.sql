-- AlterTable
ALTER TABLE "Objective" ADD COLUMN "unalignedAt" DATETIME;
ALTER TABLE "Objective" ADD COLUMN "unalignedFrom" TEXT;

