-- The event types a consumer read from a topic when it was last audited. A consumer that starts reading another
-- type (a new version of its module) never had the events of that type the old version let pass, so its audit
-- starts again at the settled position rather than flag them.
alter table event_infra.delivery_audits add column event_types text[] not null default '{}';
