-- Month-end settlement runs (DOMAIN.md section 2).
--
-- A preview computes a run and writes draft statements; approving computes it again, posts it to
-- the ledger and closes the period. Only one run of a period can ever be approved.

create table month_end_run (
    run_id        bigint generated always as identity primary key,
    period        char(7)       not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    status        varchar(10)   not null check (status in ('DRAFT', 'APPROVED')),
    profile       varchar(64)   not null,
    method        varchar(20)   not null check (method in ('AVERAGE_COST', 'FEE_FOR_SERVICE')),
    control_total numeric(16, 2),
    holdback_rate numeric(6, 4) not null,
    computed_at   timestamptz   not null,
    approved_at   timestamptz
);

create unique index month_end_run_approved_uq on month_end_run (period) where status = 'APPROVED';

create table month_end_line (
    run_id             bigint         not null references month_end_run (run_id),
    fixmedins_code     varchar(12)    not null,
    fixmedins_name     varchar(200)   not null,
    hosp_lv            smallint       not null,
    discharges         integer        not null,
    approved_avg       numeric(14, 2) not null,
    avg_amount         numeric(16, 2) not null,
    member_selfpay     numeric(16, 2) not null,
    computed_due       numeric(16, 2) not null,
    due                numeric(16, 2) not null,
    actual_fund_pay    numeric(16, 2) not null,
    allocated          numeric(16, 2) not null,
    unpaid_over_budget numeric(16, 2) not null,
    pooled_paid_now    numeric(16, 2) not null,
    pooled_held_back   numeric(16, 2) not null,
    sup_actual         numeric(16, 2) not null,
    sup_paid_now       numeric(16, 2) not null,
    sup_held_back      numeric(16, 2) not null,
    acct_settled       numeric(16, 2) not null,
    acct_paid_now      numeric(16, 2) not null,
    acct_held_back     numeric(16, 2) not null,
    primary key (run_id, fixmedins_code)
);

-- Outpatient and pharmacy spending from individual accounts (account-payments.csv).
create table account_payment (
    setl_id        varchar(40)    not null,
    fixmedins_code varchar(12)    not null,
    psn_no         varchar(30)    not null,
    setl_time      timestamp      not null,
    period         char(7)        not null,
    acct_pay       numeric(14, 2) not null check (acct_pay > 0),
    loaded_at      timestamptz    not null,
    primary key (fixmedins_code, setl_id)
);

create index account_payment_period_idx on account_payment (period, fixmedins_code);
