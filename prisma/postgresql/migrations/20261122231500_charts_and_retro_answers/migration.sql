-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "chartEveryWeeks" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "retroOpensDaysBefore" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "carriedFromId" INTEGER;

-- AlterTable
ALTER TABLE "RetroEntry" ADD COLUMN     "answeredAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "KeyResult_carriedFromId_key" ON "KeyResult"("carriedFromId");

-- AddForeignKey
ALTER TABLE "KeyResult" ADD CONSTRAINT "KeyResult_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "KeyResult"("id") ON DELETE SET NULL ON UPDATE CASCADE;

