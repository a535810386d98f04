-- The month-end at volume (issue 13, docs/benchmarks.md "Month-end at volume"): the guard on
-- settled lines checks a statement's deleted rows together instead of one row at a time.
--
-- An approval deletes its period's draft lines (a preview writes one line per settlement of the
-- month, millions at a city's volume). V8's row-level trigger ran a function and looked the run up
-- for every deleted row: 22 of the 25 seconds it took to delete a million draft lines. A statement
-- trigger sees the deleted rows as a transition table and looks up each distinct run once; raising
-- in it aborts the whole statement as the row trigger did, so an approved run's lines are still
-- never deleted, whoever asks (the owner included). Updates are still refused row by row: nothing
-- updates a settled line, so that trigger never fires in earnest.

drop trigger settled_line_guard on settled_line;
drop function settled_line_guard();

create function settled_line_refuse_update() returns trigger
    language plpgsql as $$
begin
    raise exception 'settled lines of an approved month-end are kept as they are: UPDATE refused'
        using errcode = 'MS002';
end $$;

create trigger settled_line_no_update
    before update on settled_line
    for each row execute function settled_line_refuse_update();

create function settled_line_refuse_approved_delete() returns trigger
    language plpgsql as $$
declare
    approved bigint;
begin
    select r.run_id into approved
      from (select distinct run_id from deleted) d
      join month_end_run r on r.run_id = d.run_id
     where r.status = 'APPROVED'
     limit 1;
    if found then
        raise exception 'settled lines of an approved month-end are kept as they are: DELETE of run % refused', approved
            using errcode = 'MS002';
    end if;
    return null;
end $$;

create trigger settled_line_approved_kept
    after delete on settled_line
    referencing old table as deleted
    for each statement execute function settled_line_refuse_approved_delete();
