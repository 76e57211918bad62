-- GDPR data exports. An export is PENDING until every module's section arrived (then READY, with the assembled
-- archive) or its deadline passed (then FAILED, naming the modules that did not answer). Sections wait in
-- data_export_sections until the archive is assembled. An export and its archive hold personal data of every
-- module: the row is deleted at expires_at, and with everything else of the person when they are erased.
create table ${flyway:defaultSchema}.data_exports (
    id           uuid        primary key,
    user_id      uuid        not null,
    status       text        not null check (status in ('PENDING', 'READY', 'FAILED')),
    requested_at timestamptz not null default now(),
    deadline_at  timestamptz not null,
    ended_at     timestamptz,
    expires_at   timestamptz,
    missing      text[],
    archive      jsonb,
    constraint data_exports_archive_when_ready check ((status = 'READY') = (archive is not null))
);

create index data_exports_by_user on ${flyway:defaultSchema}.data_exports (user_id, requested_at);
create index data_exports_overdue on ${flyway:defaultSchema}.data_exports (deadline_at) where status = 'PENDING';
create index data_exports_expiring on ${flyway:defaultSchema}.data_exports (expires_at) where expires_at is not null;

create table ${flyway:defaultSchema}.data_export_sections (
    export_id   uuid        not null references ${flyway:defaultSchema}.data_exports (id) on delete cascade,
    module      text        not null,
    section     jsonb       not null,
    received_at timestamptz not null default now(),
    primary key (export_id, module)
);
