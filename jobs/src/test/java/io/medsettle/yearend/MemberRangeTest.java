package io.medsettle.yearend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The year-end's readers' shares of the members, cut at the planner's histogram. */
class MemberRangeTest {

    private static final List<String> HISTOGRAM = IntStream.rangeClosed(0, 100).mapToObj(i -> "M%03d".formatted(i)).toList();

    @Test
    void cutsAtTheHistogramsQuantilesAndCoversEveryMember() {
        assertThat(MemberRange.split(HISTOGRAM, 2)).containsExactly(new MemberRange(null, "M050"), new MemberRange("M050", null));
        assertThat(MemberRange.split(HISTOGRAM, 4)).containsExactly(new MemberRange(null, "M025"), new MemberRange("M025", "M050"),
                new MemberRange("M050", "M075"), new MemberRange("M075", null));
    }

    @Test
    void oneRangeWithoutStatisticsOrForOneReader() {
        assertThat(MemberRange.split(List.of(), 4)).containsExactly(MemberRange.ALL);
        assertThat(MemberRange.split(List.of("M1"), 4)).containsExactly(MemberRange.ALL);
        assertThat(MemberRange.split(HISTOGRAM, 1)).containsExactly(MemberRange.ALL);
    }

    @Test
    void fewerRangesWhereTheHistogramRepeatsABound() {
        assertThat(MemberRange.split(List.of("A", "B", "B", "B", "C"), 4)).containsExactly(new MemberRange(null, "B"),
                new MemberRange("B", null));
    }

    @Test
    void theConditionQuotesWhatTheMemberNumberHolds() {
        assertThat(MemberRange.ALL.condition()).isEmpty();
        assertThat(new MemberRange("O'Brien", "Z\\1").condition()).isEqualTo(" and psn_no >= 'O''Brien' and psn_no < 'Z\\1'");
    }
}
