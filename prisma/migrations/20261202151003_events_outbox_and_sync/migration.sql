-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_orgId_fkey";

-- AlterTable
ALTER TABLE "CreditNote" ADD COLUMN     "importHash" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "importHash" TEXT;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "importHash" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "lastEventSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "notify" JSONB;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "importHash" TEXT,
ADD COLUMN     "recordedByPortal" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SalesOrder" ADD COLUMN     "importHash" TEXT;


-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "orgId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "customerId" INTEGER,
    "message" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventDelivery" (
    "orgId" INTEGER NOT NULL,
    "destination" TEXT NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "lastError" TEXT,
    "lastSentAt" TIMESTAMP(3),

    CONSTRAINT "EventDelivery_pkey" PRIMARY KEY ("orgId","destination")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" INTEGER,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_orgId_createdAt_idx" ON "Event"("orgId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_orgId_seq_key" ON "Event"("orgId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_runAt_idx" ON "Job"("runAt");

-- Payments the portal recorded before this column: online ones and admin payments with an Idempotency-Key.
UPDATE "Payment" SET "recordedByPortal" = true WHERE online OR "providerPaymentId" IS NOT NULL;

-- Notifications become events, numbered per organization in the order they were made (none is lost).
INSERT INTO "Event" ("id", "orgId", "seq", "type", "customerId", "message", "data", "createdAt")
SELECT 'evt_n' || n."id", n."orgId", ROW_NUMBER() OVER (PARTITION BY n."orgId" ORDER BY n."createdAt", n."id"),
       CASE n."kind" WHEN 'payment_received' THEN 'payment.recorded' WHEN 'payment_failed' THEN 'payment.failed'
                     WHEN 'invoice_viewed' THEN 'invoice.first_viewed' WHEN 'sales_order_viewed' THEN 'sales_order.first_viewed'
                     WHEN 'contact_added' THEN 'contact.added' WHEN 'document_received' THEN 'document.received'
                     WHEN 'linking_locked' THEN 'linking.locked' ELSE n."kind" END,
       n."customerId", n."message", COALESCE(n."data", '{}'::jsonb), n."createdAt"
FROM "Notification" n;
UPDATE "Organization" o SET "lastEventSeq" = c.n FROM (SELECT "orgId", COUNT(*)::int AS n FROM "Event" GROUP BY "orgId") c WHERE c."orgId" = o."id";

-- DropTable
DROP TABLE "Notification";

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
