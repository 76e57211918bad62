-- Email-verification tokens, only as SHA-256 hashes of 256 random bits. Registration issues one and mails it with
-- the welcome mail; asking again issues a new one and the older ones stop working (SUPERSEDED). A token is ISSUED
-- until it is USED or SUPERSEDED, and works only until it expires.
create table ${flyway:defaultSchema}.email_verifications (
    token_hash bytea       primary key,
    user_id    uuid        not null,
    status     text        not null check (status in ('ISSUED', 'USED', 'SUPERSEDED')),
    issued_at  timestamptz not null default now(),
    expires_at timestamptz not null,
    ended_at   timestamptz
);

-- one working token per account
create unique index email_verifications_issued_by_user on ${flyway:defaultSchema}.email_verifications (user_id)
    where status = 'ISSUED';
