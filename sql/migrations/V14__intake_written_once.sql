-- The intake written once (issue 13, item 1; docs/benchmarks.md): the load step adjudicates the
-- staged rows and copies each, facts and figures together, straight into settlement, in the
-- transaction that marks the file loaded. The figures no longer wait in a table of their own.
-- An intake interrupted under the previous version and resumed under this one adjudicates its file
-- again from the staged rows (the load step starts from them alone), so nothing in this table is
-- needed.
drop table adjudication_staging;

-- The staged rows are found by their file alone, and a file's rows are appended together: a BRIN
-- index on file_id finds them for next to nothing, where the primary key on (file_id, line_no) cost
-- about as much server time as the rest of the staging COPY (5.0 s of the backend's CPU against
-- 9.5 s for a million rows). A row's line number is unique within its file by construction (the
-- reader numbers the lines), and nothing looks a staged row up by it alone.
alter table discharge_staging drop constraint discharge_staging_pkey;
create index discharge_staging_file on discharge_staging using brin (file_id) with (pages_per_range = 16);
