-- Members' individual accounts (个人账户, DOMAIN.md §4; docs/accounts.md).
--
-- Each member's account is a sub-ledger of value-dated movements, append-only, each naming its
-- source; the general ledger holds their total in 2301 个人账户基金 through entries aggregated per
-- batch and kind (an intake file, a load, a month-end run), never one per member. The two always
-- agree: Σ movements = the credit balance of 2301.

-- Accounts in the chart that the sub-ledger needs.
insert into account (code, name, type, parent_code) values
    ('2302',    '个人账户支付待结算',         'LIABILITY', null),  -- per institution: debited from members, not yet settled
    ('5001.04', '统筹基金划入退休人员个人账户', 'EXPENSE',   '5001');

-- Contributions (contributions.csv). A row without a paid date is in arrears: nothing is allocated
-- until a later file brings the same (member, period) with a paid date; a row with a paid date is
-- final. The month-end that allocates a row records itself on it.
create table contribution (
    psn_no         varchar(30)    not null,
    period         char(7)        not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    emp_no         varchar(30),
    base           numeric(14, 2) not null check (base >= 0),
    employer_amt   numeric(14, 2) not null check (employer_amt >= 0),
    personal_amt   numeric(14, 2) not null check (personal_amt >= 0),
    paid_date      date,
    loaded_at      timestamptz    not null,
    allocated_run  bigint,
    primary key (psn_no, period)
);

-- The rows a month-end looks for: paid and not yet allocated. They leave the index once allocated.
create index contribution_to_allocate on contribution (paid_date) where paid_date is not null and allocated_run is null;

-- A paid contribution is final: its figures never change; only the month-end that allocates it is
-- written on it, once.
create function contribution_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'contributions are kept: delete refused' using errcode = 'MS002';
    end if;
    if old.paid_date is not null and (new.psn_no, new.period, new.emp_no, new.base, new.employer_amt, new.personal_amt,
            new.paid_date) is distinct from (old.psn_no, old.period, old.emp_no, old.base, old.employer_amt,
            old.personal_amt, old.paid_date) then
        raise exception 'the contribution of % for % was paid and is final', old.psn_no, old.period using errcode = 'MS002';
    end if;
    if old.allocated_run is not null and new.allocated_run is distinct from old.allocated_run then
        raise exception 'the contribution of % for % was allocated by run %', old.psn_no, old.period, old.allocated_run
            using errcode = 'MS002';
    end if;
    return new;
end $$;

create trigger contribution_guard
    before update or delete on contribution
    for each row execute function contribution_guard();

-- Account payments (account-payments.csv): outpatient and pharmacy spending from the account.
-- Loaded once per institution and settlement id; a cancellation refunds the payment it names. The
-- month-end that settles a payment with its institution is the one of settlement_period: the month
-- of the payment, or, for a payment of a month already settled when it came, the first open month.
alter table account_payment drop constraint account_payment_acct_pay_check;
alter table account_payment add constraint account_payment_acct_pay_check check (acct_pay >= 0);
alter table account_payment add column refd_setl_flag boolean not null default false;
alter table account_payment add column init_setl_id varchar(40);
alter table account_payment add column settlement_period char(7);
alter table account_payment add column file_sha256 char(64);
create unique index account_payment_cancels_uq on account_payment (fixmedins_code, init_setl_id) where refd_setl_flag;
create trigger account_payment_append_only
    before update or delete on account_payment
    for each row execute function refuse_change_of_facts();

-- An account closed by a transfer out or a death takes no movement after.
create table account_closure (
    psn_no       varchar(30) primary key,
    closed_on    date        not null,
    event        varchar(16) not null check (event in ('transfer_out', 'death')),
    counterparty varchar(100),
    recorded_at  timestamptz not null
);

create trigger account_closure_append_only
    before update or delete on account_closure
    for each row execute function refuse_change_of_facts();

-- The sub-ledger. A movement is signed (a credit to the member positive); its source names where it
-- comes from and is unique, so that a retried load or run never posts it twice. Spending and refunds
-- at an institution carry the institution and the settlement (or account payment) they belong to,
-- and the month whose settlement with the institution they are part of.
create table account_movement (
    movement_id       bigint generated always as identity primary key,
    psn_no            varchar(30)    not null,
    kind              varchar(12)    not null
        check (kind in ('opening', 'allocation', 'spending', 'refund', 'interest', 'transfer_in', 'paid_out')),
    amount            numeric(14, 2) not null check (amount <> 0),
    value_date        date           not null,
    source            varchar(120)   not null,
    fixmedins_code    varchar(12),
    setl_id           varchar(40),
    settlement_period char(7),
    entry_id          bigint         not null,
    recorded_at       timestamptz    not null,
    constraint account_movement_source_uq unique (source),
    constraint account_movement_sign check (
        (kind in ('opening', 'allocation', 'refund', 'interest', 'transfer_in')) = (amount > 0))
);

create index account_movement_member on account_movement (psn_no, value_date);
create index account_movement_settlement on account_movement (fixmedins_code, setl_id) where setl_id is not null;
create index account_movement_period on account_movement using brin (settlement_period) where settlement_period is not null;

create trigger account_movement_append_only
    before update or delete on account_movement
    for each row execute function refuse_change_of_facts();
create trigger account_movement_no_truncate
    before truncate on account_movement
    for each statement execute function refuse_change_of_facts();

-- A month-end run remembers the last movement it took into account, as it does the last change.
alter table month_end_run add column movements_through bigint not null default 0;

-- The month-end's allocation summary: members and amounts by category and age band.
create table allocation_summary (
    run_id    bigint         not null references month_end_run (run_id),
    category  varchar(16)    not null,
    band      varchar(16)    not null,
    source    varchar(12)    not null check (source in ('contribution', 'retiree')),
    members   integer        not null,
    amount    numeric(16, 2) not null,
    primary key (run_id, category, band, source)
);

-- What the intake's account step reports: a debit not posted (the balance held is short, the
-- account is closed). The row itself is loaded for the funds; these problems do not reject it.
alter table intake_problem drop constraint intake_problem_stage_check;
alter table intake_problem add constraint intake_problem_stage_check
    check (stage in ('row', 'reference', 'adjudication', 'file', 'account'));

-- The intake's account movements (spending of eligible discharges, refunds of cancellations,
-- corrections after revisions), decided by its account step and moved into the sub-ledger with the
-- file's load, in the same transaction.
create table account_staging (
    file_id           bigint         not null,
    psn_no            varchar(30)    not null,
    kind              varchar(12)    not null,
    amount            numeric(14, 2) not null,
    value_date        date           not null,
    source            varchar(120)   not null,
    fixmedins_code    varchar(12)    not null,
    setl_id           varchar(40)    not null,
    settlement_period char(7)        not null,
    primary key (file_id, source)
);
