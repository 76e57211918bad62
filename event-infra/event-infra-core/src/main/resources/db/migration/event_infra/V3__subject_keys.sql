-- One encryption key per person whose personal data appears in events (crypto-shredding). Deleting a row makes
-- that person's personal data in every stored event unreadable for good; nothing else needs to change.
create table event_infra.subject_keys (
    subject_id text        not null primary key,
    key        bytea       not null,
    created_at timestamptz not null default now()
);
