-- Rate limit buckets (Bucket4j's table layout), shared by every server on the database, so a limit holds across
-- nodes. Keys are SHA-256 hashes of what they count (a client address, an email address), never the values
-- themselves. A row expires once its bucket would be full again; expired rows are purged as requests come.
create table ${flyway:defaultSchema}.rate_limit_buckets (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);
