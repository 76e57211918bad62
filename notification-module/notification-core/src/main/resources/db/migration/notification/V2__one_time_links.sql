-- Mails of the password-reset process: the reset mail carries a one-time link, the confirmation follows under the
-- same process, so a process has one delivery per kind rather than one in all. Neither greets by name (auth, which
-- runs the process, does not know the name).
--
-- The link is a credential: it is kept only while the mail waits to be sent, and removed once it is sent, given up
-- or cancelled.
alter table ${flyway:defaultSchema}.deliveries drop constraint deliveries_lra_id_key;
alter table ${flyway:defaultSchema}.deliveries add constraint deliveries_one_per_kind_and_process unique (lra_id, kind);
alter table ${flyway:defaultSchema}.deliveries alter column display_name drop not null;
alter table ${flyway:defaultSchema}.deliveries add column link text;
alter table ${flyway:defaultSchema}.deliveries add column link_expires_at timestamptz;
