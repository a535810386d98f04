-- The double-entry ledger (DOMAIN.md section 5).
--
-- The rules that keep the books right are enforced here, in the database, and not only in Java:
-- an accountant, a script or a bug that reaches the tables with plain SQL must not be able to
-- unbalance an entry, rewrite history, or post into a closed month.
--
-- Errors raised here carry their own SQLSTATE so that the application can tell them apart:
-- MS001 closed period, MS002 append-only journal, MS003 posting added after its entry,
-- MS004 unbalanced entry.
--
-- Sign convention: a posting's amount is positive for a debit and negative for a credit, so the
-- postings of every entry sum to zero and a trial balance sums to zero.

create table account (
    code        varchar(64)  primary key,
    name        varchar(200) not null,
    type        varchar(16)  not null
        check (type in ('ASSET', 'LIABILITY', 'FUND_BALANCE', 'INCOME', 'EXPENSE')),
    parent_code varchar(64)  references account (code),
    created_at  timestamptz  not null default now(),
    -- A sub-account (per institution, per member) has the type of its parent.
    constraint account_code_format check (code ~ '^[0-9]{4}(\.[A-Za-z0-9_-]+)*$')
);

create index account_parent_idx on account (parent_code);

-- The chart of accounts. Sub-accounts per institution and per member are created on demand
-- under the accounts marked "per ...".
insert into account (code, name, type, parent_code) values
    ('1002',    '银行存款',             'ASSET',        null),
    ('1002.01', '银行存款-收入户',      'ASSET',        '1002'),
    ('1002.02', '银行存款-支出户',      'ASSET',        '1002'),
    ('1131',    '暂付款',               'ASSET',        null),
    ('2202',    '应付定点机构款',       'LIABILITY',    null),  -- per institution
    ('2203',    '质量保证金(预留10%)', 'LIABILITY',    null),  -- per institution
    ('2204',    '超总额未结付',         'LIABILITY',    null),  -- per institution (memorandum)
    ('2301',    '个人账户基金',         'LIABILITY',    null),  -- per member
    ('2401',    '应付转出个人账户款',   'LIABILITY',    null),  -- per member
    ('2402',    '应付继承个人账户款',   'LIABILITY',    null),  -- per member
    ('3001',    '统筹基金',             'FUND_BALANCE', null),
    ('3002',    '大额医疗救助基金',     'FUND_BALANCE', null),
    ('4001',    '基本医疗保险费收入',   'INCOME',       null),
    ('4001.01', '统筹基金征缴收入',     'INCOME',       '4001'),
    ('4001.02', '个人账户征缴收入',     'INCOME',       '4001'),
    ('4101',    '利息收入',             'INCOME',       null),
    ('5001',    '基本医疗保险待遇支出', 'EXPENSE',      null),
    ('5001.01', '统筹基金支出',         'EXPENSE',      '5001'),
    ('5001.02', '大额救助支出',         'EXPENSE',      '5001'),
    ('5001.03', '个人账户支出',         'EXPENSE',      '5001'),
    ('5101',    '个人账户利息支出',     'EXPENSE',      null);

create table accounting_period (
    period     char(7)     primary key check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    status     varchar(8)  not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    closed_at  timestamptz,
    check ((status = 'CLOSED') = (closed_at is not null))
);

create table journal_entry (
    entry_id          bigint generated always as identity primary key,
    idempotency_key   varchar(200) not null,
    entry_date        date         not null,
    period            char(7)      not null references accounting_period (period),
    description       varchar(500) not null,
    reverses_entry_id bigint       references journal_entry (entry_id),
    content_hash      char(64)     not null,
    recorded_at       timestamptz  not null default now(),
    -- The transaction that created the entry: postings may be added only inside it.
    created_txid      bigint       not null,
    constraint journal_entry_idempotency_key_uq unique (idempotency_key),
    -- An entry is reversed at most once.
    constraint journal_entry_reverses_uq unique (reverses_entry_id)
);

create index journal_entry_date_idx on journal_entry (entry_date);

create table posting (
    entry_id     bigint        not null references journal_entry (entry_id),
    line_no      smallint      not null,
    account_code varchar(64)   not null references account (code),
    amount       numeric(18, 2) not null check (amount <> 0),
    primary key (entry_id, line_no)
);

create index posting_account_idx on posting (account_code, entry_id);

-- A new entry gets its period from its date; the period is opened on first use and must not be
-- closed. The share lock makes a concurrent close wait for this transaction, and this
-- transaction wait for a close in progress, so nothing slips into a month as it closes.
create function journal_entry_before_insert() returns trigger
    language plpgsql as $$
declare
    period_status varchar(8);
begin
    new.period := to_char(new.entry_date, 'YYYY-MM');
    new.created_txid := txid_current();
    insert into accounting_period (period) values (new.period) on conflict do nothing;
    select status into period_status from accounting_period where period = new.period for share;
    if period_status = 'CLOSED' then
        raise exception 'accounting period % is closed: entry "%" cannot be posted into it',
            new.period, new.idempotency_key
            using errcode = 'MS001', hint = 'post it into an open period as an adjustment';
    end if;
    return new;
end $$;

create trigger journal_entry_before_insert
    before insert on journal_entry
    for each row execute function journal_entry_before_insert();

-- Postings belong to their entry: they are written in the same transaction, never added later.
create function posting_before_insert() returns trigger
    language plpgsql as $$
declare
    entry_txid bigint;
begin
    select created_txid into entry_txid from journal_entry where entry_id = new.entry_id;
    if entry_txid is distinct from txid_current() then
        raise exception 'posting to entry % refused: postings are written with their entry, never added afterwards',
            new.entry_id using errcode = 'MS003';
    end if;
    return new;
end $$;

create trigger posting_before_insert
    before insert on posting
    for each row execute function posting_before_insert();

-- At commit, every entry written in the transaction must have at least two postings that sum to
-- zero. Because postings can only be added in their entry's transaction, checking once per entry
-- is enough.
create function journal_entry_check_balanced() returns trigger
    language plpgsql as $$
declare
    line_count integer;
    total      numeric;
begin
    select count(*), coalesce(sum(amount), 0) into line_count, total
      from posting where entry_id = new.entry_id;
    if line_count < 2 or total <> 0 then
        raise exception 'journal entry % ("%") does not balance: % postings summing to %',
            new.entry_id, new.idempotency_key, line_count, total
            using errcode = 'MS004';
    end if;
    return null;
end $$;

create constraint trigger journal_entry_balanced
    after insert on journal_entry
    deferrable initially deferred
    for each row execute function journal_entry_check_balanced();

-- The journal is append-only: a mistake is corrected by a reversing entry, never by an edit.
create function journal_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'the journal is append-only: % on % is refused; post a reversing entry instead',
        tg_op, tg_table_name using errcode = 'MS002';
end $$;

create trigger journal_entry_append_only
    before update or delete on journal_entry
    for each row execute function journal_refuse_change();
create trigger journal_entry_no_truncate
    before truncate on journal_entry
    for each statement execute function journal_refuse_change();
create trigger posting_append_only
    before update or delete on posting
    for each row execute function journal_refuse_change();
create trigger posting_no_truncate
    before truncate on posting
    for each statement execute function journal_refuse_change();

-- A closed period stays closed.
create function accounting_period_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.status = 'CLOSED' then
        raise exception 'accounting period % is % and cannot be changed', old.period, lower(old.status)
            using errcode = 'MS001';
    end if;
    return new;
end $$;

create trigger accounting_period_guard
    before update or delete on accounting_period
    for each row execute function accounting_period_guard();
