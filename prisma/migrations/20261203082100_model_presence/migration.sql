-- CreateTable
CREATE TABLE "ModelPresence" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelPresence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelPresence_modelId_seenAt_idx" ON "ModelPresence"("modelId", "seenAt");

-- AddForeignKey
ALTER TABLE "ModelPresence" ADD CONSTRAINT "ModelPresence_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelPresence" ADD CONSTRAINT "ModelPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
