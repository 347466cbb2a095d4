-- AlterTable
ALTER TABLE "LinkCode" ALTER COLUMN "codeHash" DROP NOT NULL;
