-- AlterTable
ALTER TABLE "SlackMessage" ADD COLUMN     "attemptedAt" TIMESTAMP(3),
ADD COLUMN     "holderId" TEXT;

-- CreateTable
CREATE TABLE "ClaimHolder" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClaimHolder_pkey" PRIMARY KEY ("id")
);

