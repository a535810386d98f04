-- The year-end reads every account's movements in member and date order (docs/benchmarks.md,
-- year-end, sixth version): fifteen million rows for a million accounts. With the amount and the
-- kind in the member index itself, PostgreSQL answers that read from the index alone wherever
-- autovacuum has marked the table's pages all-visible (an append-only sub-ledger's are, soon after
-- they are written), instead of fetching every movement's row from the table: 7.4–8.4 s of the
-- server's time against 9.7–11.5 s on the bench's database. The index grows by less than a
-- hundredth (942 MB against 936 MB, freshly built), and it is still one index, so a posting writes
-- what it wrote before, a little wider.
create index account_movement_member_covering on account_movement (psn_no, value_date) include (amount, kind);
drop index account_movement_member;
alter index account_movement_member_covering rename to account_movement_member;
