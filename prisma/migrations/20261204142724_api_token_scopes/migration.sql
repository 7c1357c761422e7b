-- API token scopes. Tokens made before this migration get READ and WRITE, not TOKENS: they can no
-- longer create or revoke tokens (issue 7: a token could mint more tokens).
-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('READ', 'WRITE', 'TOKENS');

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scopes" "TokenScope"[] DEFAULT ARRAY['READ', 'WRITE']::"TokenScope"[];
