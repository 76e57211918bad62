-- Where the store's head was when a rebuild began: the rebuild is done when the projection has passed it. A batch
-- that comes back short is no sign of that, since reading stops early at a transaction not yet committed (gap-safe
-- reading) while older events are still to come.
alter table event_infra.projection_checkpoints add column rebuild_until bigint not null default 0;
