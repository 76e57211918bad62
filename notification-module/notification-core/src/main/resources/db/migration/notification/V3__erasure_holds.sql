-- Mails held back while their recipient's erasure runs: HELD with the erasure process that holds them, so that a
-- cancelled erasure sends exactly those, and a closed one deletes them with the rest of the person's log.
alter table ${flyway:defaultSchema}.deliveries add column held_by_lra text;

create index deliveries_held_by on ${flyway:defaultSchema}.deliveries (held_by_lra) where held_by_lra is not null;
