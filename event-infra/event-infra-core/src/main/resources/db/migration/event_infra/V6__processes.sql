-- The process (saga) log: every long-running process coordinated by an LRA, each module's part in it and what
-- happened when. The LRA coordinator keeps its own log but has no high availability (JBTM-2997) and forgets an
-- LRA once it ends; these tables are what an operator reads (/admin/api/processes) and what a participant
-- decides by, so that a repeated or late callback changes nothing.

create table event_infra.processes (
    id          uuid        primary key,
    lra_id      text        not null unique,
    type        text        not null,
    subject_id  uuid        not null,
    status      text        not null check (status in ('RUNNING', 'CLOSED', 'CANCELLED', 'FAILED')),
    started_at  timestamptz not null default now(),
    ended_at    timestamptz,
    outcome     text
);

create index processes_by_type_and_status on event_infra.processes (type, status, started_at);

-- A module's part in a process. A compensation that arrives before the module's own step committed (the
-- coordinator gave up waiting) leaves a COMPENSATED row, so the late step finds it and does nothing.
create table event_infra.process_participants (
    lra_id      text        not null,
    module      text        not null,
    subject_id  uuid,
    state       text        not null check (state in ('ACTIVE', 'COMPLETED', 'COMPENSATED')),
    updated_at  timestamptz not null default now(),
    primary key (lra_id, module)
);

-- What happened, in order: one row per step a module took, completed or compensated.
create table event_infra.process_steps (
    id          bigserial   primary key,
    lra_id      text        not null,
    module      text        not null,
    step        text        not null,
    detail      text,
    at          timestamptz not null default now()
);

create index process_steps_by_lra on event_infra.process_steps (lra_id, id);
