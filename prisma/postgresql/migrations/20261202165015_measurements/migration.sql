-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "measuredValue" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "Measurement" (
    "id" SERIAL NOT NULL,
    "keyResultId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "error" TEXT,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measurement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Measurement_keyResultId_week_key" ON "Measurement"("keyResultId", "week");

-- AddForeignKey
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_keyResultId_fkey" FOREIGN KEY ("keyResultId") REFERENCES "KeyResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

