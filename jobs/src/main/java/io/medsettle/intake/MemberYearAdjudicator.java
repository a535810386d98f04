package io.medsettle.intake;

import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.MemberYear;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs the benefit engine over one member-year: the earlier settlements rebuild the year's
 * accumulators, then the file's rows are adjudicated in order.
 */
class MemberYearAdjudicator implements ItemProcessor<MemberYearRows, List<AdjudicationWriter.Line>> {

    private final BenefitEngine engine;

    MemberYearAdjudicator(BenefitEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<AdjudicationWriter.Line> process(MemberYearRows rows) {
        MemberYear year = new MemberYear(rows.year());
        rows.earlier().forEach(e -> year.record(e.settlement(), e.figures()));
        List<AdjudicationWriter.Line> lines = new ArrayList<>(rows.rows().size());
        for (MemberYearRows.New row : rows.rows()) {
            lines.add(new AdjudicationWriter.Line(row.line(),
                    engine.adjudicate(rows.member(), row.institution(), row.settlement(), year)));
        }
        return lines;
    }
}
