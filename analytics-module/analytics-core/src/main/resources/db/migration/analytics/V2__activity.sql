-- Sign-ins and event volume. Counts per hour (UTC) identify nobody. last_sign_in is the one row per person
-- analytics keeps, for the active-user counts: a user id and a time, deleted when the account is erased (and in
-- its data export while it exists).
create table ${flyway:defaultSchema}.logins_per_hour (
    hour  timestamptz primary key,
    count bigint      not null
);

create table ${flyway:defaultSchema}.last_sign_in (
    user_id      uuid        primary key,
    signed_in_at timestamptz not null
);

create index last_sign_in_at on ${flyway:defaultSchema}.last_sign_in (signed_in_at);

create table ${flyway:defaultSchema}.erasures_per_day (
    day   date   primary key,
    count bigint not null
);

create table ${flyway:defaultSchema}.events_per_hour (
    hour       timestamptz not null,
    event_type text        not null,
    count      bigint      not null,
    primary key (hour, event_type)
);
