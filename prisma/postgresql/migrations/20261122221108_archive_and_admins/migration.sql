-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "isAdmin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "archivedAt" TIMESTAMP(3);

