-- Where payments to an institution go (institutions.csv's optional bank_name, bank_account), for
-- the payment order. Both or neither: a payment order needs the bank and the account together.
-- An account is kept as text, digits only: leading zeros and every digit are part of it.
alter table institution add column bank_name varchar(100);
alter table institution add column bank_account varchar(32);
alter table institution add constraint institution_bank_account_digits
    check (bank_account ~ '^[0-9]{6,32}$');
alter table institution add constraint institution_bank_both_or_neither
    check ((bank_name is null) = (bank_account is null));

-- A run keeps the bank each institution had when it was settled, as it keeps its name and level, so
-- that statements written again from the stored run (a resumed approval) name the same account.
alter table month_end_line add column bank_name varchar(100);
alter table month_end_line add column bank_account varchar(32);
