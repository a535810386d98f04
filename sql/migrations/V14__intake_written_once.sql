-- The intake written once (issue 13, item 1; docs/benchmarks.md): the load step adjudicates the
-- staged rows and copies each, facts and figures together, straight into settlement, in the
-- transaction that marks the file loaded. The figures no longer wait in a table of their own.
-- An intake interrupted under the previous version and resumed under this one adjudicates its file
-- again from the staged rows (the load step starts from them alone), so nothing in this table is
-- needed.
drop table adjudication_staging;
