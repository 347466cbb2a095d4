-- CreateTable
CREATE TABLE "PendingQuestion" (
    "identityId" INTEGER NOT NULL,
    "question" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingQuestion_pkey" PRIMARY KEY ("identityId")
);

-- AddForeignKey
ALTER TABLE "PendingQuestion" ADD CONSTRAINT "PendingQuestion_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
