package io.medsettle.accounts;

import io.medsettle.adjudication.MemberCategory;
import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Langfang (seed 002 第三十六条) and Zhenjiang (seed 003 (三)): one share of the contribution row's
 * base for every member who contributes, {@code round2(base × rate)}; retirees the same monthly
 * amount each ({@link RetireeAmount}). No age bands.
 *
 * <p>Needs no figure beyond the row and the profile, so it is empty only for a retiree's
 * contribution row.
 *
 * @param rate     the share of the base (2 %)
 * @param retirees the retirees' monthly amount
 */
public record ShareOfBase(BigDecimal rate, RetireeAmount retirees) implements AllocationRule {

    public ShareOfBase {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(retirees, "retirees");
    }

    @Override
    public Optional<Money> forContribution(AccountHolder holder, YearMonth period, Money base) {
        if (holder.category().retired()) {
            return Optional.empty();
        }
        return Optional.of(base.timesRounded(rate));
    }

    @Override
    public Optional<Money> forRetiree(AccountHolder holder, YearMonth period) {
        if (holder.category() != MemberCategory.RETIRED) {
            return Optional.empty();
        }
        return Optional.of(retirees.monthly());
    }

    @Override
    public Optional<String> band(AccountHolder holder, YearMonth period) {
        return Optional.empty();
    }
}
