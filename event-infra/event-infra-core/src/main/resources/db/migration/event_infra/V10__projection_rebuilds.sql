-- Who rebuilt which projection, when, and how many events it had to replay: the audit trail of the console's
-- rebuild button (dead letters keep theirs in dead_letter_actions). One row per rebuild, kept for good.
create table event_infra.projection_rebuilds (
    id               bigint generated always as identity primary key,
    projection       text        not null,
    requested_by     text        not null,
    requested_at     timestamptz not null default now(),
    events_to_replay bigint      not null
);
create index projection_rebuilds_of on event_infra.projection_rebuilds (projection, id desc);
