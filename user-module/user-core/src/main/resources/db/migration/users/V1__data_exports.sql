-- GDPR data exports. An export is PENDING until every module's section arrived (then READY, with the assembled
-- archive) or its deadline passed (then FAILED, naming the modules that did not answer); a person has at most one
-- pending. The sections wait in event-infra (ExportSections) until then. An archive holds personal data of every
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

create unique index data_exports_one_pending on ${flyway:defaultSchema}.data_exports (user_id)
    where status = 'PENDING';
create index data_exports_by_user on ${flyway:defaultSchema}.data_exports (user_id, requested_at);
create index data_exports_overdue on ${flyway:defaultSchema}.data_exports (deadline_at) where status = 'PENDING';
create index data_exports_expiring on ${flyway:defaultSchema}.data_exports (expires_at) where expires_at is not null;
