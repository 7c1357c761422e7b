-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "modelId" TEXT,
ADD COLUMN     "teamId" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_teamId_createdAt_idx" ON "AuditLog"("teamId", "createdAt");

-- Backfill rows written before the columns existed, from their target and details
UPDATE "AuditLog" SET "modelId" = "targetId" WHERE "targetType" = 'model';
UPDATE "AuditLog" SET "modelId" = "data"->>'modelId' WHERE "modelId" IS NULL AND jsonb_typeof("data"->'modelId') = 'string';
UPDATE "AuditLog" SET "modelId" = a."modelId" FROM "HeadAnnotation" a WHERE "AuditLog"."modelId" IS NULL AND jsonb_typeof("AuditLog"."data"->'annotationId') = 'string' AND a."id" = "AuditLog"."data"->>'annotationId';
UPDATE "AuditLog" SET "teamId" = "targetId" WHERE "targetType" = 'team';
UPDATE "AuditLog" SET "teamId" = "data"->>'teamId' WHERE "teamId" IS NULL AND jsonb_typeof("data"->'teamId') = 'string';
UPDATE "AuditLog" SET "teamId" = m."teamId" FROM "Model" m WHERE "AuditLog"."teamId" IS NULL AND m."id" = "AuditLog"."modelId";
UPDATE "AuditLog" SET "teamId" = i."teamId" FROM "Invitation" i WHERE "AuditLog"."teamId" IS NULL AND "AuditLog"."targetType" = 'invitation' AND i."id" = "AuditLog"."targetId";
