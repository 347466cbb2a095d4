-- AlterTable
ALTER TABLE "InboundReceipt" ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "instance" INTEGER NOT NULL DEFAULT 0;

-- Messages taken before answers were recorded were answered then: a retry of one stays a duplicate.
UPDATE "InboundReceipt" SET "answeredAt" = "createdAt";
