package io.medsettle.yearend;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.core.Utils;

/**
 * The member numbers from {@code from} (inclusive) to {@code to} (exclusive), either end open when
 * null: the share of the accounts one reader of the year-end's interest takes.
 *
 * <p>The ranges are cut at the sub-ledger's own statistics (the member numbers' histogram that
 * PostgreSQL keeps for the planner), so each reader gets about as many movements as the next without
 * counting them first. The ranges of {@link #split} cover every member number whatever the statistics
 * say: stale statistics only make the shares unequal.
 */
record MemberRange(String from, String to) {

    static final MemberRange ALL = new MemberRange(null, null);

    /**
     * {@code parts} ranges (fewer when the histogram has too few distinct bounds; one when it is empty),
     * cut at the histogram's quantiles.
     *
     * @param histogram the member numbers' histogram bounds, in the column's order
     */
    static List<MemberRange> split(List<String> histogram, int parts) {
        List<String> cuts = new ArrayList<>();
        for (int part = 1; part < parts && histogram.size() > 1; part++) {
            String cut = histogram.get(part * (histogram.size() - 1) / parts);
            if (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(cut)) {
                cuts.add(cut);
            }
        }
        List<MemberRange> ranges = new ArrayList<>();
        String from = null;
        for (String cut : cuts) {
            ranges.add(new MemberRange(from, cut));
            from = cut;
        }
        ranges.add(new MemberRange(from, null));
        return ranges;
    }

    /** The range as a condition on {@code psn_no} to add to a {@code WHERE}: empty for all members. */
    String condition() {
        return (from == null ? "" : " and psn_no >= " + literal(from)) + (to == null ? "" : " and psn_no < " + literal(to));
    }

    /** The driver's own escaping: COPY takes no parameters, and a member number may hold any text. */
    private static String literal(String value) {
        try {
            return "'" + Utils.escapeLiteral(null, value, true) + "'";
        } catch (SQLException nulCharacter) {
            throw new IllegalArgumentException("a member number the database cannot hold: " + nulCharacter.getMessage(), nulCharacter);
        }
    }
}
