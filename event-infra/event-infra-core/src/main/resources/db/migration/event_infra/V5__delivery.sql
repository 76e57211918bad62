-- Delivery: the relay's progress per topic, each consumer's inbox, parked (dead-letter) deliveries with their
-- audit trail, and the projections' checkpoints.

-- How far the relay has put each topic's events on the broker. The relay locks a topic's row for the length of
-- a batch (select ... for update skip locked): one server relays a topic at a time, and another takes over as
-- soon as the lock holder's transaction ends, whether by commit or by a crash.
create table event_infra.relay_checkpoints (
    topic         text        not null primary key,
    position      bigint      not null default 0,
    relayed_total bigint      not null default 0,
    relayed_by    text,
    updated_at    timestamptz not null default now()
);

-- One row per event a consumer (a module) accepted: applied, or parked in dead_letters. A redelivered message
-- finds its row and is skipped, which makes at-least-once delivery effectively once.
create table event_infra.inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_received_at on event_infra.inbox (received_at);

-- A delivery that failed every attempt (PARKED), or that waits behind a parked event of its stream for the same
-- consumer (WAITING, to keep that consumer's per-stream order). RESOLVED and DISCARDED rows are kept for the
-- audit trail until retention removes them.
create table event_infra.dead_letters (
    id               uuid        not null primary key,
    consumer         text        not null,
    event_id         uuid        not null,
    event_type       text        not null,
    event_version    integer     not null,
    stream_id        text        not null,
    stream_version   bigint      not null,
    global_position  bigint      not null,
    occurred_at      timestamptz not null,
    correlation_id   uuid,
    -- the event's envelope as it arrived (wire format), so a redrive needs nothing else
    envelope         jsonb       not null,
    error            text,
    stack_trace      text,
    attempts         integer     not null default 0,
    status           text        not null,
    first_failed_at  timestamptz,
    last_failed_at   timestamptz,
    created_at       timestamptz not null default now(),
    resolved_at      timestamptz,
    constraint dead_letters_one_per_delivery unique (consumer, event_id),
    constraint dead_letters_status check (status in ('PARKED', 'WAITING', 'RESOLVED', 'DISCARDED'))
);
create index dead_letters_open_streams on event_infra.dead_letters (consumer, stream_id, stream_version)
    where status in ('PARKED', 'WAITING');
create index dead_letters_status_failed on event_infra.dead_letters (status, last_failed_at desc);
create index dead_letters_resolved_at on event_infra.dead_letters (resolved_at) where resolved_at is not null;

-- Everything that happened to a dead letter: parked, each retry and its outcome, discarded; who and why.
create table event_infra.dead_letter_actions (
    id             bigint generated always as identity primary key,
    dead_letter_id uuid        not null references event_infra.dead_letters (id) on delete cascade,
    action         text        not null,
    actor          text        not null,
    reason         text,
    at             timestamptz not null default now()
);
create index dead_letter_actions_of on event_infra.dead_letter_actions (dead_letter_id, id);

-- How far each projection has applied the store, in global order, and the state of a rebuild.
create table event_infra.projection_checkpoints (
    projection     text        not null primary key,
    position       bigint      not null default 0,
    state          text        not null default 'LIVE',
    rebuild_total  bigint,
    rebuild_done   bigint,
    rebuild_started_at timestamptz,
    error          text,
    updated_at     timestamptz not null default now(),
    constraint projection_checkpoints_state check (state in ('LIVE', 'REBUILDING'))
);
