-- The encryption key of each person whose personal data appears in events (crypto-shredding). Deleting a
-- person's row makes their personal data in every stored event unreadable for good. A sealed value names the
-- key it was sealed with, so a person who comes back after being forgotten gets a new key and the old data
-- stays unreadable.
create table event_infra.subject_keys (
    key_id     uuid        not null primary key,
    subject_id text        not null,
    key        bytea       not null,
    created_at timestamptz not null default now(),
    constraint subject_keys_one_per_subject unique (subject_id)
);
