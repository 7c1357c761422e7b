-- DropIndex
DROP INDEX "Model_teamId_contentHash_key";

-- AlterTable
ALTER TABLE "Tensor" ADD COLUMN     "stagedUploadId" TEXT,
ALTER COLUMN "versionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Tokenizer" ADD COLUMN     "sample" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "StagedUpload" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "touchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StagedUpload_touchedAt_idx" ON "StagedUpload"("touchedAt");

-- CreateIndex
CREATE INDEX "Model_teamId_contentHash_idx" ON "Model"("teamId", "contentHash");

-- CreateIndex
CREATE INDEX "Tensor_stagedUploadId_idx" ON "Tensor"("stagedUploadId");

-- AddForeignKey
ALTER TABLE "Tensor" ADD CONSTRAINT "Tensor_stagedUploadId_fkey" FOREIGN KEY ("stagedUploadId") REFERENCES "StagedUpload"("id") ON DELETE CASCADE ON UPDATE CASCADE;
