package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inpatient settlement of a discharge file, as the engine reads it.
 *
 * @param feeClasses  the fee-class amounts by column name ({@code clab_amt}, {@code implant_imp_amt}, ...)
 * @param cancels     the {@code setl_id} this row cancels ({@code refd_setl_flag = 1}), if any
 * @param reported    the hospital's own figures, checked against the recomputation
 */
public record Settlement(
        String setlId,
        String mdtrtId,
        String psnNo,
        String institutionCode,
        LocalDate begin,
        LocalDate end,
        LocalDateTime settledAt,
        Money total,
        Money fullyOwnPay,
        Money overLimit,
        Map<String, Money> feeClasses,
        boolean chemo,
        String offsite,
        Optional<String> cancels,
        ReportedFigures reported) {

    /** DOMAIN.md's processing order of a member's year. */
    public static final Comparator<Settlement> PROCESSING_ORDER = Comparator.comparing(Settlement::end)
            .thenComparing(Settlement::settledAt)
            .thenComparing(Settlement::institutionCode)
            .thenComparing(Settlement::setlId);

    public Settlement {
        Objects.requireNonNull(setlId, "setlId");
        Objects.requireNonNull(mdtrtId, "mdtrtId");
        Objects.requireNonNull(total, "total");
        feeClasses = Map.copyOf(feeClasses);
        Objects.requireNonNull(cancels, "cancels");
        Objects.requireNonNull(reported, "reported");
    }

    public Money feeClass(String column) {
        return feeClasses.getOrDefault(column, Money.ZERO);
    }

    /** The benefit year: the calendar year of the discharge date. */
    public int benefitYear() {
        return end.getYear();
    }
}
