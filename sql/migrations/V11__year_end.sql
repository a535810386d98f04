-- Year-end (年终清算, DOMAIN.md §3; docs/year-end.md).
--
-- A preview computes a run and writes draft statements; the approval computes it again, posts it
-- (interest to every account open on 31 December, the release of the quality deposits, the
-- over-budget compensation, the payments) and closes the year. Only one run of a year can ever be
-- approved, and an approved run is the year's close.

create table year_end_run (
    run_id          bigint generated always as identity primary key,
    year            smallint      not null check (year between 1900 and 9999),
    status          varchar(10)   not null check (status in ('DRAFT', 'APPROVED')),
    profile         varchar(64)   not null,
    interest_method varchar(16)   not null check (interest_method in ('DAILY_BALANCE', 'SPLIT_RATE')),
    growth          numeric(6, 4) not null,
    -- Σ over the months with a control total of (control total − Σ allocated).
    surplus         numeric(16, 2) not null,
    -- The date the run's entries are posted on: the first day of the first open month after the year.
    posting_date    date          not null,
    computed_at     timestamptz   not null,
    approved_at     timestamptz
);

create unique index year_end_run_approved_uq on year_end_run (year) where status = 'APPROVED';

create trigger year_end_run_append_only
    before update or delete on year_end_run
    for each row execute function refuse_change_of_facts();

-- One line per institution with anything held back or unpaid in the year, or a proposal for the next.
create table year_end_line (
    run_id             bigint         not null references year_end_run (run_id),
    fixmedins_code     varchar(12)    not null,
    fixmedins_name     varchar(200)   not null,
    held_pooled        numeric(16, 2) not null,
    held_sup           numeric(16, 2) not null,
    held_acct          numeric(16, 2) not null,
    held_back          numeric(16, 2) not null,
    score              numeric(6, 2),
    release_rate       numeric(10, 6),
    released           numeric(16, 2) not null,
    forfeited_pooled   numeric(16, 2) not null,
    forfeited_sup      numeric(16, 2) not null,
    forfeited_acct     numeric(16, 2) not null,
    forfeited          numeric(16, 2) not null,
    unpaid_over_budget numeric(16, 2) not null,
    compensation       numeric(16, 2) not null,
    payment            numeric(16, 2) not null,
    discharges         bigint         not null,
    proposed_avg       numeric(14, 2),
    -- Where the payment goes, as the institutions file gave it when the run was computed (V12).
    bank_name          varchar(100),
    bank_account       varchar(32),
    primary key (run_id, fixmedins_code),
    check (held_back = held_pooled + held_sup + held_acct),
    check (forfeited = forfeited_pooled + forfeited_sup + forfeited_acct),
    check (payment = released + compensation)
);

create trigger year_end_line_append_only
    before update or delete on year_end_line
    for each row execute function refuse_change_of_facts();

-- The years behind each proposal: discharges and cost (Σ medfee_sumamt − Σ overcap_amt) per year.
create table year_end_cost (
    run_id         bigint         not null references year_end_run (run_id),
    fixmedins_code varchar(12)    not null,
    year           smallint       not null,
    discharges     bigint         not null,
    cost           numeric(18, 2) not null,
    primary key (run_id, fixmedins_code, year)
);

-- Each account's interest of the run (DOMAIN.md §4), computed member by member while the movements
-- stream past; the approval posts them as one entry and one movement each. An account closed after
-- 31 December (an event of the next year loaded before this year-end) is credited too, and its
-- interest is paid out after the balance it was closed with (closed_on, event, counterparty).
-- A preview's rows serve its draft statements and go when the year is approved.
create table year_end_interest (
    run_id       bigint         not null,
    psn_no       varchar(30)    not null,
    interest     numeric(14, 2) not null check (interest > 0),
    closed_on    date,
    event        varchar(16),
    counterparty varchar(100),
    primary key (run_id, psn_no)
);

create function year_end_interest_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' or exists (select 1 from year_end_run r where r.run_id = old.run_id and r.status = 'APPROVED') then
        raise exception 'the interest of an approved year-end is kept as it is: % refused', tg_op
            using errcode = 'MS002';
    end if;
    return old;
end $$;

create trigger year_end_interest_guard
    before update or delete on year_end_interest
    for each row execute function year_end_interest_guard();
