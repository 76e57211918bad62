-- The data export's sections become the modules' private replies to each other (PrivateReplies): the same rows, a
-- contract that names no product feature. Which module replied, to which request, about whom, and what.
alter table event_infra.data_export_sections rename to private_replies;
alter table event_infra.private_replies rename column export_id to request_id;
alter table event_infra.private_replies rename column user_id to subject_id;
alter table event_infra.private_replies rename column section to content;
alter index event_infra.data_export_sections_by_user rename to private_replies_by_subject;
alter index event_infra.data_export_sections_received rename to private_replies_received;
alter index event_infra.data_export_sections_pkey rename to private_replies_pkey;
