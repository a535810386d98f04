-- Discharge intake (formats.md "Discharge file", DOMAIN.md section 1).
--
-- A file goes through staging tables (logged, so that a restarted intake finds what it staged)
-- and reaches `settlement` in one statement, in the same transaction that marks the file loaded.
-- So a file is loaded whole or not at all, and never twice: by its SHA-256, and by the key
-- (institution, setl_id) of every settlement.

create table intake_file (
    file_id        bigint generated always as identity primary key,
    sha256         char(64)     not null,
    fixmedins_code varchar(12)  not null,
    period         char(7)      not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    file_name      varchar(500) not null,
    encoding       varchar(16),
    status         varchar(10)  not null check (status in ('STAGING', 'LOADED', 'REJECTED')),
    rows_read      integer,
    rows_loaded    integer,
    rows_rejected  integer,
    report_csv     varchar(1000),
    report_xlsx    varchar(1000),
    received_at    timestamptz  not null,
    finished_at    timestamptz,
    constraint intake_file_sha256_uq unique (sha256)
);

-- Every problem found in a file: the validation report is written from here, so it is complete
-- also when the intake was interrupted and resumed.
create table intake_problem (
    file_id     bigint        not null references intake_file (file_id),
    line_no     integer       not null,
    column_name varchar(64)   not null,
    value       varchar(1000),
    reason_zh   varchar(500)  not null,
    reason_en   varchar(500)  not null,
    stage       varchar(16)   not null check (stage in ('row', 'reference'))
);

create index intake_problem_file_idx on intake_problem (file_id, line_no);

-- Rows that passed the row checks, as typed values. Reported figures are null where the hospital
-- left them empty.
create table discharge_staging (
    file_id            bigint        not null,
    line_no            integer       not null,
    setl_id            varchar(40)   not null,
    mdtrt_id           varchar(40)   not null,
    psn_no             varchar(30)   not null,
    fixmedins_code     varchar(12)   not null,
    med_type           varchar(4)    not null,
    begndate           date          not null,
    enddate            date          not null,
    setl_time          timestamp     not null,
    medfee_sumamt      numeric(14, 2) not null,
    fulamt_ownpay_amt  numeric(14, 2) not null,
    overlmt_selfpay    numeric(14, 2) not null,
    clab_amt           numeric(14, 2) not null,
    nego_antitumor_amt numeric(14, 2) not null,
    implant_dom_amt    numeric(14, 2) not null,
    implant_jv_amt     numeric(14, 2) not null,
    implant_imp_amt    numeric(14, 2) not null,
    lrg_equip_amt      numeric(14, 2) not null,
    transplant_amt     numeric(14, 2) not null,
    chemo_flag         boolean       not null,
    offsite_type       varchar(24)   not null,
    dise_codg          varchar(20),
    refd_setl_flag     boolean       not null,
    init_setl_id       varchar(40),
    rpt_preselfpay_amt numeric(14, 2),
    rpt_inscp_scp_amt  numeric(14, 2),
    rpt_act_pay_dedc   numeric(14, 2),
    rpt_hifp_pay       numeric(14, 2),
    rpt_hifob_pay      numeric(14, 2),
    rpt_fund_pay_sumamt numeric(14, 2),
    rpt_psn_part_amt   numeric(14, 2),
    rpt_acct_pay       numeric(14, 2),
    rpt_psn_cash_pay   numeric(14, 2),
    rejected           boolean       not null default false,
    primary key (file_id, line_no)
);

-- The engine's figures for the staged rows that passed every check.
create table adjudication_staging (
    file_id        bigint         not null,
    line_no        integer        not null,
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
    primary key (file_id, line_no)
);

-- Loaded settlements: the hospital's figures (rpt_*) and the recomputed ones side by side.
-- Rows are facts: never updated or deleted; a cancellation is a row of its own that names the
-- settlement it cancels.
create table settlement (
    fixmedins_code     varchar(12)    not null,
    setl_id            varchar(40)    not null,
    file_id            bigint         not null references intake_file (file_id),
    line_no            integer        not null,
    mdtrt_id           varchar(40)    not null,
    psn_no             varchar(30)    not null,
    med_type           varchar(4)     not null,
    begndate           date           not null,
    enddate            date           not null,
    setl_time          timestamp      not null,
    period             char(7)        not null,
    benefit_year       smallint       not null,
    medfee_sumamt      numeric(14, 2) not null,
    fulamt_ownpay_amt  numeric(14, 2) not null,
    overlmt_selfpay    numeric(14, 2) not null,
    clab_amt           numeric(14, 2) not null,
    nego_antitumor_amt numeric(14, 2) not null,
    implant_dom_amt    numeric(14, 2) not null,
    implant_jv_amt     numeric(14, 2) not null,
    implant_imp_amt    numeric(14, 2) not null,
    lrg_equip_amt      numeric(14, 2) not null,
    transplant_amt     numeric(14, 2) not null,
    chemo_flag         boolean        not null,
    offsite_type       varchar(24)    not null,
    dise_codg          varchar(20),
    refd_setl_flag     boolean        not null,
    init_setl_id       varchar(40),
    rpt_preselfpay_amt numeric(14, 2),
    rpt_inscp_scp_amt  numeric(14, 2),
    rpt_act_pay_dedc   numeric(14, 2),
    rpt_hifp_pay       numeric(14, 2),
    rpt_hifob_pay      numeric(14, 2),
    rpt_fund_pay_sumamt numeric(14, 2),
    rpt_psn_part_amt   numeric(14, 2),
    rpt_acct_pay       numeric(14, 2),
    rpt_psn_cash_pay   numeric(14, 2),
    eligible           boolean        not null,
    reason             varchar(40),
    preselfpay_amt     numeric(14, 2) not null,
    inscp_scp_amt      numeric(14, 2) not null,
    act_pay_dedc       numeric(14, 2) not null,
    hifp_pay           numeric(14, 2) not null,
    overcap_amt        numeric(14, 2) not null,
    hifob_pay          numeric(14, 2) not null,
    psn_part_amt       numeric(14, 2) not null,
    acct_pay           numeric(14, 2) not null,
    diff_flag          boolean        not null,
    diff_fields        varchar(200),
    primary key (fixmedins_code, setl_id)
);

create index settlement_member_year_idx on settlement (psn_no, benefit_year);
create index settlement_period_idx on settlement (period, fixmedins_code);
-- A settlement is cancelled at most once.
create unique index settlement_cancels_uq on settlement (fixmedins_code, init_setl_id) where refd_setl_flag;

create function settlement_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'loaded settlements are facts: % on settlement is refused; load a cancellation row instead',
        tg_op using errcode = 'MS002';
end $$;

create trigger settlement_append_only
    before update or delete on settlement
    for each row execute function settlement_refuse_change();
