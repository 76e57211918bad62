-- The delivery log: every notification, its recipient and how delivering it went. A notification asked for by a
-- process is HELD until the process closes (then QUEUED) or is cancelled (then CANCELLED, never sent). A QUEUED one
-- is tried when next_attempt_at comes; a failed try puts it back with a later next_attempt_at, until it is SENT or,
-- after the last attempt, FAILED. Recipient and display name are personal data, deleted when the person is erased.
create table ${flyway:defaultSchema}.deliveries (
    id              uuid        primary key,
    user_id         uuid        not null,
    kind            text        not null,
    channel         text        not null,
    recipient       text        not null,
    display_name    text        not null,
    locale          text        not null,
    lra_id          text        unique,
    status          text        not null check (status in ('HELD', 'QUEUED', 'SENT', 'FAILED', 'CANCELLED')),
    subject         text,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);

create index deliveries_due on ${flyway:defaultSchema}.deliveries (next_attempt_at) where status = 'QUEUED';
create index deliveries_by_user on ${flyway:defaultSchema}.deliveries (user_id, created_at);
