-- The notes NotesProjection keeps, rebuildable from the event store.
create table #[[${flyway:defaultSchema}]]#.notes (
    note_id    uuid        primary key,
    author_id  uuid        not null,
    text       text        not null,
    written_at timestamptz not null
);

create index notes_by_author on #[[${flyway:defaultSchema}]]#.notes (author_id);
