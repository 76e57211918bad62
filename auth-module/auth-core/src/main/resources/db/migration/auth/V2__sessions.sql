-- The key pair that signs access tokens when none is configured: made once by whichever server starts first, so
-- every server and every restart signs and verifies with the same key.
create table ${flyway:defaultSchema}.signing_keys (
    id          smallint    primary key check (id = 1),
    private_key text        not null,
    public_key  text        not null,
    created_at  timestamptz not null default now()
);

-- Refresh tokens, only as SHA-256 hashes: a token is 256 random bits, so a fast hash is enough and a leaked table
-- gives nobody a usable token. A session is a family of tokens, each replacing the previous one; a replaced or
-- revoked token presented again revokes its whole family.
create table ${flyway:defaultSchema}.refresh_tokens (
    token_hash  bytea       primary key,
    session_id  uuid        not null,
    user_id     uuid        not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    replaced_at timestamptz,
    revoked_at  timestamptz
);

create index refresh_tokens_by_session on ${flyway:defaultSchema}.refresh_tokens (session_id);
create index refresh_tokens_by_user on ${flyway:defaultSchema}.refresh_tokens (user_id);
