package io.medsettle.adjudication;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 统筹支付: the pooled fund's rate on the in-scope cost above the deductible, as segments of the
 * admission's in-scope cost measured from 0 (a flat ratio is one segment). A segment pays its rate
 * on the part of the paid interval that falls in it.
 *
 * <p>Retirees get either more points on every segment (Yantai +5, Langfang +3, Zhenjiang +5) or
 * half the member's co-pay (Lianyungang). For temporary cross-province treatment the member first
 * pays a share of the cost (Langfang 10 %) and the rate applies to the rest: the effective rate is
 * {@code rate × (1 − share)}.
 */
public record FundShare(Map<Integer, List<Segment>> byLevel, Optional<BigDecimal> retireePoints,
                        Optional<BigDecimal> retireeCopayShare, Optional<BigDecimal> crossProvinceFirstShare) {

    static final MathContext PRECISION = MathContext.DECIMAL128;

    /** A segment up to a point of the admission's in-scope cost ({@code null}: no upper end). */
    public record Segment(BigDecimal upTo, BigDecimal rate) {
    }

    /** The fund's payment over {@code [from, to]}, exact, and where it stopped if the room ran out. */
    record Walk(BigDecimal pay, Optional<BigDecimal> stoppedAt) {
    }

    /** The effective rate of a segment for this member and settlement. */
    BigDecimal rate(BigDecimal segmentRate, Member member, Settlement settlement) {
        BigDecimal rate = segmentRate;
        if (member.category().retired()) {
            if (retireePoints.isPresent()) {
                rate = rate.add(retireePoints.get()).min(BigDecimal.ONE);
            }
            if (retireeCopayShare.isPresent()) {
                rate = BigDecimal.ONE.subtract(BigDecimal.ONE.subtract(rate).multiply(retireeCopayShare.get()));
            }
        }
        if (crossProvinceFirstShare.isPresent() && "temp_cross_province".equals(settlement.offsite())) {
            rate = rate.multiply(BigDecimal.ONE.subtract(crossProvinceFirstShare.get()));
        }
        return rate;
    }

    /**
     * Walks the segments upward over {@code [from, to]}; when the fund's room {@code room} (if any)
     * runs out inside a segment, stops at {@code x* = s + R / rate} (DOMAIN.md step 6).
     */
    Walk walk(int level, Member member, Settlement settlement, BigDecimal from, BigDecimal to, Optional<BigDecimal> room) {
        BigDecimal pay = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        for (Segment segment : byLevel.get(level)) {
            BigDecimal upper = segment.upTo();
            BigDecimal start = from.max(lower);
            BigDecimal end = upper == null ? to : to.min(upper);
            if (end.compareTo(start) > 0) {
                BigDecimal rate = rate(segment.rate(), member, settlement);
                BigDecimal part = rate.multiply(end.subtract(start));
                if (room.isPresent() && pay.add(part).compareTo(room.get()) > 0) {
                    BigDecimal left = room.get().subtract(pay);
                    return new Walk(room.get(), Optional.of(start.add(left.divide(rate, PRECISION))));
                }
                pay = pay.add(part);
            }
            if (upper == null || upper.compareTo(to) >= 0) {
                break;
            }
            lower = upper;
        }
        return new Walk(pay, Optional.empty());
    }
}
