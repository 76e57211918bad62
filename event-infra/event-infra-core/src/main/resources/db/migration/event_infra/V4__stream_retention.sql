-- Per-stream retention that readers honour (see StreamRetention). A stream without a row keeps everything.
create table event_infra.stream_retention (
    stream_id        text   not null primary key,
    truncate_before  bigint,
    max_age_seconds  bigint
);
