-- What auth keeps beside the account streams in the event store: the lookup of an account by its email address
-- (unique, so two registrations of one address cannot both win) and the password hashes, which never go into an
-- event. Both hold personal data in the clear and are deleted when the person is erased.
create table ${flyway:defaultSchema}.account_emails (
    email       text        primary key,
    user_id     uuid        not null unique,
    reserved_at timestamptz not null default now()
);

create table ${flyway:defaultSchema}.credentials (
    user_id       uuid        primary key,
    password_hash text        not null,
    changed_at    timestamptz not null default now()
);
