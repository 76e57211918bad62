-- Password-reset requests waiting to be worked on. A request is answered 202 at once, whether the address has an
-- account or not, and kept here until a server has worked on it: so the answer takes equally long for every
-- address, and a request survives a crash. A server leases a request while it works on it; one whose lease ran out
-- (its server died) is taken up again. The address is personal data, kept only until the request is done.
create table ${flyway:defaultSchema}.password_reset_requests (
    id             uuid        primary key,
    email          text        not null,
    locale         text        not null,
    correlation_id uuid,
    attempts       integer     not null default 0,
    leased_until   timestamptz,
    requested_at   timestamptz not null default now()
);

create index password_reset_requests_due on ${flyway:defaultSchema}.password_reset_requests (requested_at);

-- Password-reset tokens, only as SHA-256 hashes of 256 random bits, one per reset process (LRA). A token is ISSUED
-- until it is USED, SUPERSEDED by a newer request, or EXPIRED when its process was cancelled (its time limit, the
-- token's lifetime, passed).
create table ${flyway:defaultSchema}.password_resets (
    token_hash bytea       primary key,
    user_id    uuid        not null,
    lra_id     text        not null unique,
    status     text        not null check (status in ('ISSUED', 'USED', 'SUPERSEDED', 'EXPIRED')),
    issued_at  timestamptz not null default now(),
    expires_at timestamptz not null,
    ended_at   timestamptz
);

create index password_resets_issued_by_user on ${flyway:defaultSchema}.password_resets (user_id)
    where status = 'ISSUED';
