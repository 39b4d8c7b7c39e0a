-- AlterTable
ALTER TABLE "Objective" ADD COLUMN     "unalignedAt" TIMESTAMP(3),
ADD COLUMN     "unalignedFrom" TEXT;

