-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "uninstalledAt" DATETIME;

