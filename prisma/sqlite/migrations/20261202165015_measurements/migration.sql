-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "measuredValue" REAL;

-- CreateTable
CREATE TABLE "Measurement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "keyResultId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "value" REAL,
    "error" TEXT,
    "readAt" DATETIME NOT NULL,
    CONSTRAINT "Measurement_keyResultId_fkey" FOREIGN KEY ("keyResultId") REFERENCES "KeyResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Measurement_keyResultId_week_key" ON "Measurement"("keyResultId", "week");

