-- The web console (issue 12): its users, the institutions a hospital user acts for, and an
-- append-only audit of what people do in it.

-- A user of the console. The password is stored as Spring Security's delegating hash
-- ({bcrypt}…), never in clear; a first password (from `user add` or `user reset`) must be changed
-- at the first login. A disabled user cannot log in; users are never deleted (the audit names them).
create table app_user (
    user_id              bigint generated always as identity primary key,
    name                 varchar(40)  not null,
    role                 varchar(12)  not null check (role in ('hospital', 'accountant', 'finance', 'admin')),
    password_hash        varchar(200) not null,
    must_change_password boolean      not null default true,
    enabled              boolean      not null default true,
    created_at           timestamptz  not null,
    constraint app_user_name_uq unique (name),
    constraint app_user_name_chars check (name ~ '^[A-Za-z0-9._-]{1,40}$')
);

-- The institutions a hospital user uploads for and sees; other roles have none.
create table app_user_institution (
    user_id        bigint      not null references app_user (user_id),
    fixmedins_code varchar(12) not null,
    primary key (user_id, fixmedins_code)
);

-- Every login (and failed one), upload, preview, approval and download: who, when, from where.
create table audit_event (
    event_id   bigint generated always as identity primary key,
    at         timestamptz  not null,
    user_name  varchar(40),
    address    varchar(64),
    action     varchar(32)  not null,
    detail     varchar(500)
);
create index audit_event_at on audit_event using brin (at);

create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function refuse_change_of_facts();
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function refuse_change_of_facts();

-- The upload API's tokens, one institution each: a hospital's HIS system sends its discharge files
-- with one. Only the token's SHA-256 is kept (a token is 32 random bytes: a slow hash adds nothing
-- against guessing, and the hash finds the token's row); it is shown once, when made.
create table api_token (
    token_id       bigint generated always as identity primary key,
    fixmedins_code varchar(12) not null,
    token_sha256   char(64)    not null,
    created_at     timestamptz not null,
    revoked        boolean     not null default false,
    constraint api_token_sha256_uq unique (token_sha256)
);
