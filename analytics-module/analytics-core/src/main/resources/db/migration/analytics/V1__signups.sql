-- Sign-ups: a registration in progress is pending; it is counted on the day its process closes, and a cancelled
-- one is forgotten. Only user ids and counts: analytics keeps no personal data.
create table ${flyway:defaultSchema}.pending_signups (
    user_id    uuid        primary key,
    lra_id     text        not null unique,
    started_at timestamptz not null default now()
);

create table ${flyway:defaultSchema}.signups_per_day (
    day   date   primary key,
    count bigint not null
);
