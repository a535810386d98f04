package io.medsettle.intake;

import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.MemberYear;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benefit engine over one member-year: the earlier settlements rebuild the year's
 * accumulators, then the file's rows are adjudicated in order.
 */
class MemberYearAdjudicator {

    private final BenefitEngine engine;

    MemberYearAdjudicator(BenefitEngine engine) {
        this.engine = engine;
    }

    List<AdjudicatedLine> process(MemberYearRows rows) {
        MemberYear year = new MemberYear(rows.year());
        rows.earlier().forEach(e -> year.record(e.settlement(), e.figures()));
        List<AdjudicatedLine> lines = new ArrayList<>(rows.rows().size());
        for (MemberYearRows.New row : rows.rows()) {
            lines.add(new AdjudicatedLine(row.line(),
                    engine.adjudicate(rows.member(), row.institution(), row.settlement(), year)));
        }
        return lines;
    }
}
