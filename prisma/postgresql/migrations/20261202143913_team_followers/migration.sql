-- CreateTable
CREATE TABLE "TeamFollower" (
    "teamId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamFollower_pkey" PRIMARY KEY ("teamId","personId")
);

-- CreateIndex
CREATE INDEX "TeamFollower_personId_idx" ON "TeamFollower"("personId");

-- AddForeignKey
ALTER TABLE "TeamFollower" ADD CONSTRAINT "TeamFollower_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamFollower" ADD CONSTRAINT "TeamFollower_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

