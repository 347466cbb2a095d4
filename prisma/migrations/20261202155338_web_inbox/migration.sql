-- CreateTable
CREATE TABLE "WebInboxMessage" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "reply" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebInboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebInboxMessage_sessionId_id_idx" ON "WebInboxMessage"("sessionId", "id");
