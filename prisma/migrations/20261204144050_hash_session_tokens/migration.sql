-- Session tokens at rest (lib/auth/hashed-session-tokens.ts): the Session table keeps the SHA-256
-- (hex) of each session token instead of the token. Existing rows are hashed in place, so cookies
-- already issued keep working: the app hashes the cookie's token before looking it up.
UPDATE "Session" SET "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
