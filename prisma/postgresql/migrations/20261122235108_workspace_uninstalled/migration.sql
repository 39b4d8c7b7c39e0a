-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "uninstalledAt" TIMESTAMP(3);

