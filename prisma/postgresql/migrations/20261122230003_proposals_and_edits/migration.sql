-- AlterTable
ALTER TABLE "KeyResult" ADD COLUMN     "pendingSince" TIMESTAMP(3),
ADD COLUMN     "proposedById" INTEGER;

-- CreateTable
CREATE TABLE "KeyResultEdit" (
    "id" SERIAL NOT NULL,
    "keyResultId" INTEGER NOT NULL,
    "editorId" INTEGER,
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyResultEdit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyResultEdit_keyResultId_idx" ON "KeyResultEdit"("keyResultId");

-- AddForeignKey
ALTER TABLE "KeyResult" ADD CONSTRAINT "KeyResult_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyResultEdit" ADD CONSTRAINT "KeyResultEdit_keyResultId_fkey" FOREIGN KEY ("keyResultId") REFERENCES "KeyResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyResultEdit" ADD CONSTRAINT "KeyResultEdit_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

