-- Trustworthy month edges (issue 9; docs/month-end.md "Late files, re-adjudication and negative
-- months").
--
-- A member's settlements are adjudicated in DOMAIN.md's order whatever order the files arrive in.
-- When a file brings a settlement that comes before settlements already loaded, those are
-- adjudicated again; a loaded settlement is never changed, its new figures are a revision of it.
-- Which approved month-end run settled which revision of each settlement is recorded, so that a
-- closed month never changes and every difference is settled exactly once, in the next month-end,
-- as an adjustment line that names the settlement and its period.

-- 1. The file registry.
--
-- The same bytes may be sent by another institution, or again by the same one after an attempt that
-- loaded nothing (a wrong --period, reference data still missing): those are new files. Only one
-- unfinished intake, and one loaded intake that loaded something, may exist per institution and
-- content.
alter table intake_file drop constraint intake_file_sha256_uq;
create index intake_file_sha256_idx on intake_file (sha256);
create unique index intake_file_live_uq on intake_file (fixmedins_code, sha256)
    where status = 'STAGING' or (status = 'LOADED' and rows_loaded > 0);

-- A late file (补报) is one taken in after its period's month-end was approved: its rows are
-- settled by the next approved month-end. Revised counts say how many settlements loaded earlier
-- the file's arrival re-adjudicated, of its own institution and of others.
alter table intake_file add column late boolean not null default false;
alter table intake_file add column rows_revised integer;
alter table intake_file add column rows_revised_other integer;

-- Problems found while adjudicating (an account payment above the recomputed member share) and
-- whole-file rejections found inside the job (malformed CSV after the header, a late file the
-- profile does not accept) are problems of their own stages.
alter table intake_problem drop constraint intake_problem_stage_check;
alter table intake_problem add constraint intake_problem_stage_check
    check (stage in ('row', 'reference', 'adjudication', 'file'));

-- 2. Revisions.
create table settlement_revision (
    revision_id    bigint generated always as identity primary key,
    fixmedins_code varchar(12)    not null,
    setl_id        varchar(40)    not null,
    -- Revision 1 is the figures on the settlement row itself; revision n replaces revision n − 1.
    revision       smallint       not null check (revision >= 2),
    psn_no         varchar(30)    not null,
    -- The intake whose arrival made the settlement's figures change.
    file_id        bigint         not null references intake_file (file_id),
    eligible       boolean        not null,
    reason         varchar(40),
    preselfpay_amt numeric(14, 2) not null,
    inscp_scp_amt  numeric(14, 2) not null,
    act_pay_dedc   numeric(14, 2) not null,
    hifp_pay       numeric(14, 2) not null,
    overcap_amt    numeric(14, 2) not null,
    hifob_pay      numeric(14, 2) not null,
    psn_part_amt   numeric(14, 2) not null,
    acct_pay       numeric(14, 2) not null,
    diff_flag      boolean        not null,
    diff_fields    varchar(200),
    constraint settlement_revision_uq unique (fixmedins_code, setl_id, revision),
    constraint settlement_revision_settlement_fk foreign key (fixmedins_code, setl_id)
        references settlement (fixmedins_code, setl_id)
);

-- The intake reads a member's settlements, and their revisions, by member number.
create index settlement_revision_member on settlement_revision using hash (psn_no);

create function refuse_change_of_facts() returns trigger
    language plpgsql as $$
begin
    raise exception '% is append-only: % is refused; a correction is a new row', tg_table_name, tg_op
        using errcode = 'MS002';
end $$;

create trigger settlement_revision_append_only
    before update or delete on settlement_revision
    for each row execute function refuse_change_of_facts();
create trigger settlement_revision_no_truncate
    before truncate on settlement_revision
    for each statement execute function refuse_change_of_facts();

-- The adjudication step's revisions of loaded settlements, until the file is loaded.
create table revision_staging (
    file_id        bigint         not null,
    fixmedins_code varchar(12)    not null,
    setl_id        varchar(40)    not null,
    psn_no         varchar(30)    not null,
    eligible       boolean        not null,
    reason         varchar(40),
    preselfpay_amt numeric(14, 2) not null,
    inscp_scp_amt  numeric(14, 2) not null,
    act_pay_dedc   numeric(14, 2) not null,
    hifp_pay       numeric(14, 2) not null,
    overcap_amt    numeric(14, 2) not null,
    hifob_pay      numeric(14, 2) not null,
    psn_part_amt   numeric(14, 2) not null,
    acct_pay       numeric(14, 2) not null,
    diff_flag      boolean        not null,
    diff_fields    varchar(200),
    primary key (file_id, fixmedins_code, setl_id)
);

-- Every revision of every settlement, revision 1 being the settlement's own figures.
create view settlement_figures as
select fixmedins_code, setl_id, 1::smallint as revision, psn_no, eligible, reason, preselfpay_amt,
       inscp_scp_amt, act_pay_dedc, hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag,
       diff_fields
  from settlement
union all
select fixmedins_code, setl_id, revision, psn_no, eligible, reason, preselfpay_amt, inscp_scp_amt,
       act_pay_dedc, hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag, diff_fields
  from settlement_revision;

-- The latest revision of each revised settlement.
create view latest_revision as
select r.*
  from settlement_revision r
 where not exists (select 1 from settlement_revision n
                    where n.fixmedins_code = r.fixmedins_code and n.setl_id = r.setl_id and n.revision > r.revision);

-- Every settlement with its facts and its latest figures, under the settlement's own column names.
create view current_settlement as
select s.fixmedins_code, s.setl_id, s.file_id, s.line_no, s.mdtrt_id, s.psn_no, s.med_type, s.begndate,
       s.enddate, s.setl_time, s.period, s.benefit_year, s.medfee_sumamt, s.fulamt_ownpay_amt,
       s.overlmt_selfpay, s.clab_amt, s.nego_antitumor_amt, s.implant_dom_amt, s.implant_jv_amt,
       s.implant_imp_amt, s.lrg_equip_amt, s.transplant_amt, s.chemo_flag, s.offsite_type, s.dise_codg,
       s.refd_setl_flag, s.init_setl_id, s.rpt_preselfpay_amt, s.rpt_inscp_scp_amt, s.rpt_act_pay_dedc,
       s.rpt_hifp_pay, s.rpt_hifob_pay, s.rpt_fund_pay_sumamt, s.rpt_psn_part_amt, s.rpt_acct_pay,
       s.rpt_psn_cash_pay,
       coalesce(r.revision, 1::smallint) as revision,
       case when r.revision is null then s.eligible else r.eligible end as eligible,
       case when r.revision is null then s.reason else r.reason end as reason,
       case when r.revision is null then s.preselfpay_amt else r.preselfpay_amt end as preselfpay_amt,
       case when r.revision is null then s.inscp_scp_amt else r.inscp_scp_amt end as inscp_scp_amt,
       case when r.revision is null then s.act_pay_dedc else r.act_pay_dedc end as act_pay_dedc,
       case when r.revision is null then s.hifp_pay else r.hifp_pay end as hifp_pay,
       case when r.revision is null then s.overcap_amt else r.overcap_amt end as overcap_amt,
       case when r.revision is null then s.hifob_pay else r.hifob_pay end as hifob_pay,
       case when r.revision is null then s.psn_part_amt else r.psn_part_amt end as psn_part_amt,
       case when r.revision is null then s.acct_pay else r.acct_pay end as acct_pay,
       case when r.revision is null then s.diff_flag else r.diff_flag end as diff_flag,
       case when r.revision is null then s.diff_fields else r.diff_fields end as diff_fields
  from settlement s
  left join latest_revision r on r.fixmedins_code = s.fixmedins_code and r.setl_id = s.setl_id;

-- 3. What changed after a month could have settled it: a late row, a revision, a cancellation.
-- Each approved month-end remembers the last change it considered (month_end_run.changes_through),
-- so the next one looks only at what came after; for each changed settlement of a closed period it
-- settles the difference between its standing now and the standing last settled.
create table settlement_change (
    change_id      bigint generated always as identity primary key,
    file_id        bigint      not null references intake_file (file_id),
    fixmedins_code varchar(12) not null,
    setl_id        varchar(40) not null,
    kind           varchar(12) not null check (kind in ('late', 'revision', 'cancellation'))
);

create trigger settlement_change_append_only
    before update or delete on settlement_change
    for each row execute function refuse_change_of_facts();
create trigger settlement_change_no_truncate
    before truncate on settlement_change
    for each statement execute function refuse_change_of_facts();

alter table month_end_run add column changes_through bigint not null default 0;

-- 4. Which run settled which revision of each settlement, and whether it counted (a cancelled
-- settlement counts for nothing). A run's lines of period P are its 'regular' lines; the others
-- settle a settlement of an earlier, closed period: 'late' (never settled before), 'revision'
-- (settled before with other figures), 'cancellation' (settled before, cancelled since).
--
-- No foreign keys: a run writes one line per settlement of its month (millions at a national
-- volume) in the transaction that writes the run itself, and a per-row key lookup would cost more
-- than the lines (docs/benchmarks.md, V7).
create table settled_line (
    run_id         bigint      not null,
    fixmedins_code varchar(12) not null,
    setl_id        varchar(40) not null,
    revision       smallint    not null,
    counted        boolean     not null,
    kind           varchar(12) not null check (kind in ('regular', 'late', 'revision', 'cancellation')),
    -- For a revision or a cancellation: the approved run whose line this one settles the difference to.
    replaces_run_id bigint,
    primary key (fixmedins_code, setl_id, run_id),
    check ((kind in ('regular', 'late')) = (replaces_run_id is null))
);

-- A run's lines are written together, so they sit together on disk: a block range index finds them.
create index settled_line_run_brin on settled_line using brin (run_id) with (pages_per_range = 16);

-- The lines of an approved run are the books' record of what was settled: never changed. A draft's
-- lines only serve its draft statements and go when the period is approved.
create function settled_line_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' or exists (select 1 from month_end_run r where r.run_id = old.run_id and r.status = 'APPROVED') then
        raise exception 'settled lines of an approved month-end are kept as they are: % refused', tg_op
            using errcode = 'MS002';
    end if;
    return old;
end $$;

create trigger settled_line_guard
    before update or delete on settled_line
    for each row execute function settled_line_guard();

-- 5. A run's adjustment lines as settled: each is valued on its own (docs/month-end.md), held back
-- like every stream, and posted as an entry of its own that names it. Drafts keep theirs too: they
-- are few, and the draft statements list them.
create table month_end_adjustment (
    run_id             bigint         not null references month_end_run (run_id),
    fixmedins_code     varchar(12)    not null,
    setl_id            varchar(40)    not null,
    period             char(7)        not null,
    kind               varchar(12)    not null check (kind in ('late', 'revision', 'cancellation')),
    revision           smallint       not null,
    cancelled_by       varchar(40),
    settled_before     char(7),
    discharges         integer        not null check (discharges between -1 and 1),
    avg_amount         numeric(16, 2) not null,
    member_selfpay     numeric(16, 2) not null,
    fund_pay           numeric(16, 2) not null,
    sup                numeric(16, 2) not null,
    acct               numeric(16, 2) not null,
    pooled             numeric(16, 2) not null,
    pooled_paid_now    numeric(16, 2) not null,
    pooled_held_back   numeric(16, 2) not null,
    sup_paid_now       numeric(16, 2) not null,
    sup_held_back      numeric(16, 2) not null,
    acct_paid_now      numeric(16, 2) not null,
    acct_held_back     numeric(16, 2) not null,
    primary key (run_id, fixmedins_code, setl_id)
);

create trigger month_end_adjustment_append_only
    before update or delete on month_end_adjustment
    for each row execute function refuse_change_of_facts();

-- Each institution's line gains its adjustment lines' totals per stream, and what it owed before,
-- is paid, and still owes after (docs/month-end.md "Negative months").
alter table month_end_line add column adj_lines integer not null default 0;
alter table month_end_line add column adj_pooled_paid_now numeric(16, 2) not null default 0;
alter table month_end_line add column adj_pooled_held_back numeric(16, 2) not null default 0;
alter table month_end_line add column adj_sup_paid_now numeric(16, 2) not null default 0;
alter table month_end_line add column adj_sup_held_back numeric(16, 2) not null default 0;
alter table month_end_line add column adj_acct_paid_now numeric(16, 2) not null default 0;
alter table month_end_line add column adj_acct_held_back numeric(16, 2) not null default 0;
alter table month_end_line add column owed_brought_forward numeric(16, 2) not null default 0;
alter table month_end_line add column payment numeric(16, 2) not null default 0;
alter table month_end_line add column owed_carried_forward numeric(16, 2) not null default 0;
