-- What a person sees of their sessions (GET /api/auth/sessions): when each began, when it was last used, and the
-- client that began it. The beginning also bounds a session's life whatever its refreshes
-- (meridian.auth.session-lifetime). The client's address and user agent are personal data: erasure deletes the rows.
create table ${flyway:defaultSchema}.sessions (
    session_id     uuid        primary key,
    user_id        uuid        not null,
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    client_address text,
    user_agent     text
);

create index sessions_by_user on ${flyway:defaultSchema}.sessions (user_id);

-- sessions begun before this table existed: their first token is their beginning, the client is unknown
insert into ${flyway:defaultSchema}.sessions (session_id, user_id, created_at, last_used_at)
select session_id, user_id, min(issued_at), max(issued_at)
from ${flyway:defaultSchema}.refresh_tokens
group by session_id, user_id;
