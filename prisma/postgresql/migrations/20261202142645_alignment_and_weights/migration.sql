-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "parentId" INTEGER;

-- AlterTable
ALTER TABLE "Objective" ADD COLUMN     "alignsToId" INTEGER;

-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "weight" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objective" ADD CONSTRAINT "Objective_alignsToId_fkey" FOREIGN KEY ("alignsToId") REFERENCES "Objective"("id") ON DELETE SET NULL ON UPDATE CASCADE;

