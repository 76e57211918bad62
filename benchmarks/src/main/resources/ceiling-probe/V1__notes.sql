-- what the ceiling probe inserts: a row about the size of a profile change's event
create table ceiling.notes (
    note_id      bigint generated always as identity primary key,
    user_id      uuid        not null,
    display_name text        not null,
    created_at   timestamptz not null default now()
);
