-- AlterTable (column added in place rather than by redefining the table, so that it merges
-- with other migrations of Objective)
ALTER TABLE "Objective" ADD COLUMN "weight" REAL NOT NULL DEFAULT 1;
