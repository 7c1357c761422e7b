-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "fileHeader" BYTEA;
