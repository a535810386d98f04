package io.medsettle.intake;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.MemberHistory;
import io.medsettle.adjudication.Settlement;
import io.medsettle.files.Problem;
import io.medsettle.ledger.Money;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Adjudicates one member's rows in DOMAIN.md's order, whatever order the files came in.
 *
 * <p>The loaded settlements before the file's first row keep their figures and only carry the
 * accumulators. From that row on, every settlement is adjudicated: the file's rows, and the loaded
 * settlements after them (of any institution), because an admission that comes earlier changes what
 * comes after it (the n-th admission's deductible, the room left under the cap, the supplementary
 * layer). A loaded settlement whose figures come out different gets a revision; it is never changed.
 *
 * <p>A new row whose account payment exceeds the member's share as recomputed is refused with that
 * reason, and the member is adjudicated again without it, so that a refused row counts for nothing.
 */
class MemberAdjudicator {

    /** A loaded settlement (its row as read) and its new figures. */
    record Revision(MemberRows.Row row, Adjudication figures) {
    }

    /** What one member's rows came to: the file's lines, the revisions, the rows refused. */
    record Result(List<AdjudicatedLine> lines, List<Revision> revisions, List<Problem> problems) {
    }

    private record Pass(List<AdjudicatedLine> lines, List<Revision> revisions, List<MemberRows.Row> overdrawn) {
    }

    private final BenefitEngine engine;
    private final String fileName;

    MemberAdjudicator(BenefitEngine engine, String fileName) {
        this.engine = engine;
        this.fileName = fileName;
    }

    Result process(MemberRows member) {
        Set<Long> refused = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        while (true) {
            Pass pass = pass(member, refused);
            if (pass.overdrawn().isEmpty()) {
                return new Result(pass.lines(), pass.revisions(), problems);
            }
            for (MemberRows.Row row : pass.overdrawn()) {
                refused.add(row.line());
                Money reported = row.settlement().reported().acctPay();
                problems.add(new Problem(fileName, row.line(), "acct_pay", reported.toString(),
                        "个人账户支付超过重新核算的个人负担", "the account payment exceeds the member's share as recomputed"));
            }
        }
    }

    private Pass pass(MemberRows member, Set<Long> refused) {
        List<AdjudicatedLine> lines = new ArrayList<>();
        List<Revision> revisions = new ArrayList<>();
        List<MemberRows.Row> overdrawn = new ArrayList<>();
        MemberHistory history = new MemberHistory();
        boolean fromHere = false;
        for (MemberRows.Row row : member.rows()) {
            if (row.isNew() && refused.contains(row.line())) {
                continue;
            }
            fromHere = fromHere || row.isNew();
            if (!fromHere) {
                history.record(row.settlement(), row.figures());
                continue;
            }
            Adjudication figures = history.adjudicate(engine, row.member(), row.institution(), row.settlement());
            if (row.loaded()) {
                if (!figures.sameFiguresAs(row.figures())) {
                    revisions.add(new Revision(row, figures));
                }
            } else {
                lines.add(new AdjudicatedLine(row, figures));
                if (overdrawn(row.settlement(), figures)) {
                    overdrawn.add(row);
                }
            }
        }
        return new Pass(lines, revisions, overdrawn);
    }

    /** The hospital's account payment is more than the member's share (a cancellation takes back instead). */
    private static boolean overdrawn(Settlement settlement, Adjudication figures) {
        Money reported = settlement.reported().acctPay();
        return settlement.cancels().isEmpty() && reported != null && reported.isGreaterThan(figures.acctPay());
    }
}
