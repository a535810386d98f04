-- Who may do what in the database (issue 9, point 8). Flyway runs this script after every
-- migrate, also when there was nothing to migrate, as the role that owns the schema and every
-- object in it. The application connects as another role, ${app_role}, that owns nothing: it
-- cannot disable a trigger, drop or replace one, change an owner, or create a function or a rule,
-- so the database's guards on the books hold against the application too, not only against the
-- scripts and consoles they were first written for.
--
-- The script is idempotent and changes the catalogue only where it differs from what is wanted.
-- When no separate application role is configured (an external server used with one user, the
-- placeholder is empty), only the maintenance procedure is created and the rest is skipped.

-- Two processes starting at once (a command next to `serve`) would otherwise change the same
-- catalogue rows together and one would fail with "tuple concurrently updated".
do $$ begin perform pg_advisory_xact_lock(hashtext('medsettle: afterMigrate')); end $$;

-- What a command compares before it runs Flyway (io.medsettle.app.CurrentSchema, which records a
-- row here after every complete run of the migrations and this script): when the migrations of its
-- jar, with their placeholders, are the ones recorded and the catalogue's digest is the one recorded,
-- migrating and running this script again would change nothing, and the command skips both; `serve`
-- always runs them. The digest covers what this script sets or checks (the schema's privileges,
-- every relation's and every routine's owner, privileges, settings and source, the roles'
-- memberships) and Flyway's history, so that a grant or a routine changed by hand, a repaired
-- history or another database brings the full run back. Made here, before the grants below, so
-- that the application's role gets its SELECT on the table (and no more) from the loop.
create table if not exists medsettle_schema_state (
    only_row   boolean primary key default true check (only_row),
    migrations text not null,
    catalogue  text not null
);

create or replace function medsettle_schema_digest() returns text
    language sql
    stable
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select md5(string_agg(item, E'\n' order by item))
      from (select 'schema ' || n.nspowner::regrole::text || ' ' || coalesce(n.nspacl::text, '')
              from pg_namespace n
             where n.oid = '${flyway:defaultSchema}'::regnamespace
            union all
            select 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || c.relowner::regrole::text || ' '
                       || coalesce(c.relacl::text, '')
              from pg_class c
             where c.relnamespace = '${flyway:defaultSchema}'::regnamespace
            union all
            select 'routine ' || p.oid::regprocedure::text || ' ' || p.proowner::regrole::text || ' '
                       || coalesce(p.proacl::text, '') || ' ' || coalesce(p.proconfig::text, '') || ' '
                       || p.prosecdef::text || ' ' || md5(p.prosrc)
              from pg_proc p
             where p.pronamespace = '${flyway:defaultSchema}'::regnamespace
            union all
            select 'member ' || m.roleid::regrole::text || ' ' || m.member::regrole::text
              from pg_auth_members m
            union all
            select 'history ' || h.installed_rank::text || ' ' || coalesce(h.version, '') || ' ' || h.script || ' '
                       || coalesce(h.checksum::text, '') || ' ' || h.success::text
              from ${flyway:table} h) catalogue(item)
$$;

-- ANALYZE needs the table's ownership (or PostgreSQL 17's MAINTAIN privilege). The intake
-- analyzes its staging table between steps so that the planner sees a file's real size; this
-- procedure runs as its owner and does it for that table and nothing else. A procedure, not
-- a function: CALL returns no row, so a caller need not read one. The search path is pinned to the
-- schema the application cannot write to, with pg_temp last, so that no object of the caller's
-- stands in for ours.
create or replace procedure medsettle_analyze(staging regclass)
    language plpgsql
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    if staging <> 'discharge_staging'::regclass then
        raise exception 'medsettle_analyze analyzes the intake''s staging table only, not %', staging
            using errcode = 'insufficient_privilege';
    end if;
    execute format('analyze %s', staging);
end $$;

revoke all on procedure medsettle_analyze(regclass) from public;

-- The functions behind the triggers run with the privileges and the search path of whoever
-- writes. Unqualified table names would resolve to a temporary table of that session first (a
-- temporary `journal_entry` could vouch for a posting added to an old entry), so every function
-- of the schema gets the schema, then pg_temp, as its search path.
do $$
declare
    pinned constant text := 'search_path=' || quote_ident('${flyway:defaultSchema}') || ', pg_temp';
    f record;
begin
    for f in select p.oid::regprocedure as routine
               from pg_proc p
              where p.pronamespace = '${flyway:defaultSchema}'::regnamespace
                and p.prolang = (select oid from pg_language where lanname = 'plpgsql')
                and p.proowner = current_user::regrole
                and not (coalesce(p.proconfig, '{}') @> array[pinned])
    loop
        execute format('alter routine %s set search_path = %I, pg_temp', f.routine, '${flyway:defaultSchema}');
    end loop;
end $$;

do $$
declare
    app    constant text := '${app_role}';
    schema constant text := '${flyway:defaultSchema}';
    -- Every table is append-only for the application (SELECT, INSERT) unless it is listed here
    -- with what else it may do. Keep the list short and say why; a new table needs no entry
    -- unless the application changes or deletes its rows. A name ending in * is a prefix.
    mutable constant text[] := array[
        -- Spring Batch's job repository and Quartz's job store: the frameworks update and delete
        -- their own rows (executions, contexts, triggers, cluster check-ins, row locks).
        ['batch_*',              'update, delete'],
        ['qrtz_*',               'update, delete'],
        -- A month-end closes its period; a trigger refuses any change to a closed one.
        ['accounting_period',    'update'],
        -- The registry records a file's progress and its reports; a trigger refuses deletions.
        ['intake_file',          'update'],
        -- Reference problems are found again when a killed intake resumes.
        ['intake_problem',       'delete'],
        -- Staged rows are marked rejected, and deleted once their file is loaded (the whole table
        -- truncated when no other file waits in it: io.medsettle.intake.FileLoad).
        ['discharge_staging',    'update, delete, truncate'],
        ['revision_staging',     'delete'],
        ['account_staging',      'delete'],
        -- An arrears contribution is completed by its payment; a month-end records that it allocated it.
        ['contribution',         'update'],
        -- A preview's settled lines go when its period is approved; a trigger keeps an approved
        -- run's lines as they are (V8).
        ['settled_line',         'delete'],
        -- A year-end preview's interest rows go when the year is approved (V11, same guard).
        ['year_end_interest',    'delete'],
        -- Reference data: loads overwrite changed rows; institutions and members close the
        -- current version of a changed key (effective-dated history).
        ['institution',          'update'],
        ['member',               'update'],
        ['approved_average',     'update'],
        ['budget',               'update'],
        ['assessment_score',     'update'],
        ['interest_rate',        'update'],
        -- Console users change their passwords, are disabled and reset; a hospital user's
        -- institutions are replaced when an administrator changes them (V10).
        ['app_user',             'update'],
        ['app_user_institution', 'delete'],
        -- An API token is revoked, never deleted.
        ['api_token',            'update']
    ];
    app_oid  oid;
    t        record;
    kind     text;
    m        text[];
    wanted   text;
    held     text;
begin
    if app = '' then
        return;
    end if;
    app_oid := app::regrole;

    -- No object of the application's own anywhere in the schema: no function that a trigger
    -- could pick up, no rule, no table. PostgreSQL 15 and later already refuse CREATE on schema
    -- public to everyone but its owner; 13 and 14 grant it to PUBLIC.
    if pg_has_role(current_user, (select nspowner from pg_namespace where nspname = schema), 'USAGE') then
        execute format('revoke create on schema %I from public, %I', schema, app);
        if not has_schema_privilege(app, schema, 'USAGE') then
            execute format('grant usage on schema %I to %I', schema, app);
        end if;
    end if;
    if has_schema_privilege(app, schema, 'CREATE') then
        raise exception 'the application role % can create objects in schema %; as the schema''s owner run: revoke create on schema % from public, %',
            app, schema, schema, app;
    end if;

    for t in select c.oid, c.oid::regclass as rel, c.relname, c.relkind
               from pg_class c
              where c.relnamespace = schema::regnamespace
                and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
    loop
        kind := case t.relkind when 'S' then 'sequence' else 'table' end;
        if t.relkind = 'S' then
            wanted := 'select, usage';
        elsif t.relname in ('${flyway:table}', 'medsettle_schema_state') then
            wanted := 'select';
        else
            wanted := 'insert, select';
            foreach m slice 1 in array mutable loop
                if t.relname = m[1] or (right(m[1], 1) = '*' and starts_with(t.relname, left(m[1], -1))) then
                    wanted := wanted || ', ' || m[2];
                end if;
            end loop;
        end if;
        select string_agg(lower(a.privilege_type), ', ' order by lower(a.privilege_type)) into held
          from aclexplode((select relacl from pg_class where oid = t.oid)) a
         where a.grantee = app_oid;
        wanted := (select string_agg(p, ', ' order by p) from unnest(string_to_array(wanted, ', ')) p);
        if held is distinct from wanted then
            execute format('revoke all on %s %s from %I', kind, t.rel, app);
            execute format('grant %s on %s %s to %I', wanted, kind, t.rel, app);
        end if;
    end loop;

    execute format('grant execute on procedure medsettle_analyze(regclass) to %I', app);
end $$;

