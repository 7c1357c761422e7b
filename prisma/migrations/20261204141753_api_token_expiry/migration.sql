-- AlterTable: API tokens expire. Tokens created before this migration had no expiry, they get one
-- 90 days after the migration runs (the default lifetime of a new token), then the column has no
-- default, so every new token states its own.
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT (CURRENT_TIMESTAMP + INTERVAL '90 days');
ALTER TABLE "ApiToken" ALTER COLUMN "expiresAt" DROP DEFAULT;
