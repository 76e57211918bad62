-- The console's dead-letter queries on 100,000 rows and more (README, "Dead-letter queries"): indexes for the
-- filters it offers, each in the order of a page so a page stops after its rows, and a trigram index for its
-- free-text search over the error and the envelope (the payload, and the ids an operator pastes: stream,
-- correlation, event).

-- pg_trgm ships with PostgreSQL and is a trusted extension: the database owner may create it, no superuser needed.
create extension if not exists pg_trgm with schema public;

-- What the free text is searched in, lower case and stored: matching "like" against it costs a fraction of
-- "ilike" over envelope::text, which converts each row's jsonb again.
alter table event_infra.dead_letters
    add column search_text text not null
        generated always as (lower(coalesce(error, '') || ' ' || envelope::text)) stored;
create index dead_letters_search_text on event_infra.dead_letters using gin (search_text public.gin_trgm_ops);

drop index event_infra.dead_letters_status_failed;
create index dead_letters_created on event_infra.dead_letters (created_at desc, id);
create index dead_letters_status_created on event_infra.dead_letters (status, created_at desc, id);
create index dead_letters_consumer_created on event_infra.dead_letters (consumer, status, created_at desc, id);
create index dead_letters_type_created on event_infra.dead_letters (event_type, status, created_at desc, id);
create index dead_letters_status_last_failed on event_infra.dead_letters (status, last_failed_at desc, id);
