create table ${flyway:defaultSchema}.applied (
    id             bigint generated always as identity primary key,
    event_id       uuid   not null,
    stream_id      text   not null,
    stream_version bigint not null,
    note           text   not null,
    -- when the handler ran, for the delivery benchmark's commit-to-handler latency
    applied_at     timestamptz not null default clock_timestamp()
);
create table ${flyway:defaultSchema}.healed (healed_at timestamptz not null default now());
create table ${flyway:defaultSchema}.notes_view (
    stream_id     text   primary key,
    events        bigint not null,
    last_note     text   not null,
    last_position bigint not null,
    -- how PostgreSQL was told to plan the upsert: a projection round plans its own reads once (plan_cache_mode)
    -- and hands planning back before the projection's statements run
    planned_as    text
);
