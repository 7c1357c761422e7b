-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "declinedAt" TIMESTAMP(3);
