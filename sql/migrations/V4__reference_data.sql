-- Reference data (formats.md "Reference data" and "Other inputs").
--
-- Institutions and members keep effective-dated history: when a load changes a value (a hospital
-- is re-rated, a member retires), the current version is closed the day before the load's
-- effective date and a new version starts on it, so that a discharge is always judged with the
-- facts that held on its own dates. The first version of a key is valid from the beginning of
-- time: a hospital's earlier discharges must find it.

create table institution (
    fixmedins_code varchar(12)  not null,
    valid_from     date         not null,
    valid_to       date,        -- exclusive; null for the current version
    fixmedins_name varchar(200) not null,
    hosp_lv        smallint     not null check (hosp_lv between 0 and 3),
    inst_kind      varchar(16)  not null check (inst_kind in ('general', 'tcm', 'specialist', 'community', 'pharmacy')),
    tier           varchar(32),
    loaded_at      timestamptz  not null,
    primary key (fixmedins_code, valid_from),
    check (valid_to is null or valid_to > valid_from)
);

create unique index institution_current_uq on institution (fixmedins_code) where valid_to is null;

create table member (
    psn_no              varchar(30)  not null,
    valid_from          date         not null,
    valid_to            date,
    psn_name            varchar(100) not null,
    certno              varchar(18)  not null,
    gend                char(1)      not null check (gend in ('1', '2')),
    brdy                date         not null,
    psn_type            varchar(16)  not null check (psn_type in ('in_service', 'retired', 'flexible')),
    emp_no              varchar(30),
    insu_begn_date      date         not null,
    extra_contrib_years smallint     not null default 0 check (extra_contrib_years >= 0),
    pension_prev_year   numeric(14, 2),
    wage_prev_year      numeric(14, 2),
    loaded_at           timestamptz  not null,
    primary key (psn_no, valid_from),
    check (valid_to is null or valid_to > valid_from)
);

create unique index member_current_uq on member (psn_no) where valid_to is null;

create table approved_average (
    fixmedins_code varchar(12)    not null,
    year           smallint       not null,
    approved_avg   numeric(14, 2) not null check (approved_avg >= 0),
    loaded_at      timestamptz    not null,
    primary key (fixmedins_code, year)
);

-- The pooled fund's control total per month; a month with no row has no control total.
create table budget (
    year          smallint       not null,
    month         smallint       not null check (month between 1 and 12),
    control_total numeric(16, 2) not null check (control_total >= 0),
    loaded_at     timestamptz    not null,
    primary key (year, month)
);

create table assessment_score (
    fixmedins_code varchar(12)   not null,
    year           smallint      not null,
    score          numeric(6, 2) not null check (score between 0 and 100),
    loaded_at      timestamptz   not null,
    primary key (fixmedins_code, year)
);

create table interest_rate (
    effective_date date          not null,
    kind           varchar(8)    not null check (kind in ('demand', 'time_3m')),
    annual_rate    numeric(9, 6) not null check (annual_rate >= 0),
    loaded_at      timestamptz   not null,
    primary key (effective_date, kind)
);
