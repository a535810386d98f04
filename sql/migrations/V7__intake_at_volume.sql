-- The intake at volume (docs/benchmarks.md): three changes that keep the same guarantees at a
-- fraction of the cost for a large file.
--
-- 1. A settlement's file is checked once per statement instead of once per row. The foreign key
--    fired a lookup of intake_file for every loaded row, some 18 seconds of a million-row load;
--    the trigger below looks up each distinct file of the statement once. Files are never
--    deleted from the registry, so a file that was there at the load stays there.
--
-- 2. Settlements are found by period (and institution) through a BRIN index instead of a B-tree.
--    The table is append-only and loaded file by file, one institution and period per file, so a
--    file's rows sit together on disk and a block range's smallest and largest (period,
--    institution) pin them down; the B-tree cost some 4 seconds per million loaded rows to keep,
--    the BRIN index next to nothing. Autovacuum summarizes new block ranges as they fill; until
--    then a query reads them as candidates, which is correct, only slower.
--
-- 3. A member's settlements are found through a hash index on psn_no instead of a B-tree on
--    (psn_no, benefit_year). The intake is its only reader, always by equality (a member's year,
--    a member's stay), and a member has a handful of settlements a year, so filtering the year
--    after the lookup costs nothing; keeping the hash index up to date as a million rows go in
--    costs half of what the B-tree did (4.1 s against 8.5 s in PostgreSQL alone).

-- 1. The settlement's file, checked per statement.
alter table settlement drop constraint settlement_file_id_fkey;

create function settlement_check_files() returns trigger
    language plpgsql as $$
declare
    unknown bigint;
begin
    select n.file_id into unknown
      from (select distinct file_id from loaded) n
     where not exists (select 1 from intake_file f where f.file_id = n.file_id)
     limit 1;
    if found then
        raise exception 'settlement rows name file %, which is not in intake_file', unknown
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end $$;

create trigger settlement_file_known
    after insert on settlement
    referencing new table as loaded
    for each statement execute function settlement_check_files();

create function intake_file_refuse_delete() returns trigger
    language plpgsql as $$
begin
    raise exception 'the file registry keeps every file it received: deleting file % is refused', old.file_id
        using errcode = 'MS002';
end $$;

create trigger intake_file_kept
    before delete on intake_file
    for each row execute function intake_file_refuse_delete();

-- 2. The period index as BRIN.
drop index settlement_period_idx;
create index settlement_period_brin on settlement using brin (period, fixmedins_code)
    with (pages_per_range = 16, autosummarize = on);

-- 3. The member index as a hash index.
drop index settlement_member_year_idx;
create index settlement_member_hash on settlement using hash (psn_no);
