-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "reminders" JSONB;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "reminders" JSONB;

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "channel" "Channel",
    "address" TEXT,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "providerId" TEXT,
    "total" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderItem" (
    "invoiceId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "reminderId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "ReminderItem_pkey" PRIMARY KEY ("invoiceId","step")
);

-- CreateIndex
CREATE INDEX "Reminder_customerId_createdAt_idx" ON "Reminder"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_status_idx" ON "Reminder"("status");

-- CreateIndex
CREATE INDEX "ReminderItem_reminderId_idx" ON "ReminderItem"("reminderId");

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderItem" ADD CONSTRAINT "ReminderItem_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderItem" ADD CONSTRAINT "ReminderItem_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
