-- Each person's key is kept wrapped by the key-encryption key, which is never in the database (KeyEncryptionKey):
-- kek_id names the key-encryption key that wrapped it. A row without one is a key kept before keys were wrapped;
-- the server wraps those at start-up.
alter table event_infra.subject_keys add column kek_id text;
