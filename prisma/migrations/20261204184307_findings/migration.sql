-- CreateEnum
CREATE TYPE "FindingVisibility" AS ENUM ('DRAFT', 'TEAM', 'PUBLIC');

-- CreateEnum
CREATE TYPE "FindingFigureKind" AS ENUM ('HEAD_CARD', 'COMPOSITION', 'ATTENTION', 'OV_TABLE');

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "visibility" "FindingVisibility" NOT NULL DEFAULT 'DRAFT',
    "authorId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingFigure" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "FindingFigureKind" NOT NULL,
    "params" JSONB NOT NULL,
    "frozen" JSONB,
    "engineVersion" TEXT,
    "frozenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingFigure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingShareLink" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "FindingShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Finding_modelId_createdAt_idx" ON "Finding"("modelId", "createdAt");

-- CreateIndex
CREATE INDEX "FindingFigure_findingId_position_idx" ON "FindingFigure"("findingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "FindingFigure_findingId_key_key" ON "FindingFigure"("findingId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "FindingShareLink_tokenHash_key" ON "FindingShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "FindingShareLink_findingId_idx" ON "FindingShareLink"("findingId");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingFigure" ADD CONSTRAINT "FindingFigure_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingShareLink" ADD CONSTRAINT "FindingShareLink_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingShareLink" ADD CONSTRAINT "FindingShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
