-- CreateTable
CREATE TABLE "ReminderRun" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "reminderIds" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderRun_orgId_idx" ON "ReminderRun"("orgId");
