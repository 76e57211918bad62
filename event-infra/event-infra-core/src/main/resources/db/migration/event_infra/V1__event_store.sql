-- The event store. One row per event; the table is also the outbox: a row exists iff its transaction committed.

-- Global positions come from an explicit sequence so that the append statement can take the transaction id
-- before it takes positions (see PostgresEventStore: gap-safe reading relies on that order).
create sequence event_infra.global_position_seq as bigint;

create table event_infra.events (
    global_position bigint      not null primary key,
    -- the appending transaction (pg_current_xact_id()), for reading in global order without skipping late commits
    transaction_id  xid8        not null,
    event_id        uuid        not null,
    stream_id       text        not null,
    -- the stream id up to its first '-': "account-42" is in category "account"
    stream_category text        not null,
    stream_version  bigint      not null,
    event_type      text        not null,
    event_version   integer     not null,
    occurred_at     timestamptz not null,
    correlation_id  uuid,
    causation_id    uuid,
    payload         jsonb       not null,
    metadata        jsonb       not null,
    constraint events_event_id_unique unique (event_id),
    constraint events_stream_version_unique unique (stream_id, stream_version),
    constraint events_stream_version_positive check (stream_version > 0)
);

create index events_type_position on event_infra.events (event_type, global_position);
create index events_category_position on event_infra.events (stream_category, global_position);
create index events_correlation on event_infra.events (correlation_id) where correlation_id is not null;
