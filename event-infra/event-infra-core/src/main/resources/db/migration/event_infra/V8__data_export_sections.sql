-- The modules' sections of GDPR data exports, waiting for the user module to assemble the archive. They are kept
-- here, in event-infra's schema and reached only through ExportSections, rather than in events: an event is kept
-- for good and published on a topic, and an export's contents must be neither. A section is deleted when its
-- export is assembled or failed, when it arrives too late, and with its person.
create table event_infra.data_export_sections (
    export_id   uuid        not null,
    module      text        not null,
    user_id     uuid        not null,
    section     jsonb       not null,
    received_at timestamptz not null default now(),
    primary key (export_id, module)
);

create index data_export_sections_by_user on event_infra.data_export_sections (user_id);
create index data_export_sections_received on event_infra.data_export_sections (received_at);
