-- The latest snapshot of each event-sourced aggregate's stream. A snapshot is a cache: it can be deleted at any
-- time and is rebuilt from the events; one whose schema_version the code no longer writes is ignored.
create table event_infra.snapshots (
    stream_id      text        not null primary key,
    stream_version bigint      not null,
    schema_version integer     not null,
    state          jsonb       not null,
    taken_at       timestamptz not null default now()
);
