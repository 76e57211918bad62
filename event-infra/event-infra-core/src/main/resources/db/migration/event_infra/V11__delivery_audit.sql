-- The delivery auditor's bookkeeping: how far it has proven each consumer's deliveries from each topic, and the
-- events it found unaccounted for (relayed long enough ago, yet neither in the consumer's inbox nor among its dead
-- letters). An unaccounted event stays here until it is accounted for; the table is empty while all is well.
create table event_infra.delivery_audits (
    consumer         text        not null,
    topic            text        not null,
    -- every event of the consumer's types on the topic up to here was checked once
    position         bigint      not null,
    audited_events   bigint      not null default 0,
    audited_at       timestamptz not null default now(),
    primary key (consumer, topic)
);

create table event_infra.unaccounted_events (
    consumer         text        not null,
    event_id         uuid        not null,
    topic            text        not null,
    global_position  bigint      not null,
    found_at         timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index unaccounted_events_first on event_infra.unaccounted_events (consumer, global_position);
