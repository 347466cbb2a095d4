-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "webhookSecret" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "requestHash" TEXT;

-- CreateTable
CREATE TABLE "MerchantKey" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "MerchantKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MerchantKey_prefix_key" ON "MerchantKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "MerchantKey_keyHash_key" ON "MerchantKey"("keyHash");

-- CreateIndex
CREATE INDEX "MerchantKey_orgId_idx" ON "MerchantKey"("orgId");

-- AddForeignKey
ALTER TABLE "MerchantKey" ADD CONSTRAINT "MerchantKey_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
