package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * A settlement of an earlier, closed period whose standing changed after its month was settled,
 * settled again in this run as the difference (DOMAIN.md §2: "a correction that arrives after
 * closing is settled in the next open period as an adjustment line that names the original row").
 * Every figure is signed: what the line adds to, or takes back from, what was settled before.
 *
 * @param period        the settlement's own period (closed)
 * @param revision      the revision of its figures now settled
 * @param cancelledBy   the cancelling settlement, for a cancellation
 * @param settledBefore the month whose run settled it before; empty for a late line
 * @param discharges    +1 for a discharge now counted, −1 for one no longer counted, else 0
 * @param averageAmount {@code discharges × the approved average of the settlement's year}
 * @param memberSelfPay preselfpay + in-scope − fund − over-cap, now less before
 * @param fundPay       recomputed {@code hifp_pay}, now less before
 * @param supplementary {@code hifob_pay}, now less before
 * @param account       {@code acct_pay} of an eligible settlement, now less before
 */
public record AdjustmentLine(String institution, String setlId, YearMonth period, Kind kind, int revision,
                             Optional<String> cancelledBy, Optional<YearMonth> settledBefore, long discharges,
                             Money averageAmount, Money memberSelfPay, Money fundPay, Money supplementary,
                             Money account) {

    /** Why the settlement is settled again. */
    public enum Kind {
        /** 补报: never settled; its file came after its month was closed. */
        LATE("补报"),
        /** 重新核算: settled with other figures; re-adjudicated since (an earlier admission came later). */
        REVISION("重新核算"),
        /** 冲销: settled, and cancelled since. */
        CANCELLATION("冲销");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public AdjustmentLine {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(setlId, "setlId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(averageAmount, "averageAmount");
        Objects.requireNonNull(memberSelfPay, "memberSelfPay");
        Objects.requireNonNull(fundPay, "fundPay");
        Objects.requireNonNull(supplementary, "supplementary");
        Objects.requireNonNull(account, "account");
    }
}
