package io.medsettle.intake;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.app.PgCopy;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Copies a chunk's recomputed figures into {@code adjudication_staging}. */
class AdjudicationWriter implements ItemWriter<List<AdjudicationWriter.Line>> {

    /** A staged row's line and its figures. */
    record Line(long line, Adjudication figures) {
    }

    static final List<String> COLUMNS = List.of("file_id", "line_no", "eligible", "reason", "preselfpay_amt",
            "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay", "psn_part_amt", "acct_pay",
            "diff_flag", "diff_fields");

    private final DataSource dataSource;
    private final long fileId;

    AdjudicationWriter(DataSource dataSource, long fileId) {
        this.dataSource = dataSource;
        this.fileId = fileId;
    }

    @Override
    public void write(Chunk<? extends List<Line>> chunk) {
        PgCopy copy = PgCopy.into(dataSource, "adjudication_staging", COLUMNS);
        for (List<Line> lines : chunk) {
            for (Line line : lines) {
                Adjudication a = line.figures();
                copy.row().number(fileId).number(line.line()).flag(a.eligible()).text(a.reason().isEmpty() ? null : a.reason())
                        .money(a.preSelfPay()).money(a.inScope()).money(a.deductible()).money(a.fundPay())
                        .money(a.overCap()).money(a.supplementaryPay()).money(a.memberPart()).money(a.acctPay())
                        .flag(a.differs()).text(a.differs() ? String.join(" ", a.differences()) : null).end();
            }
        }
        copy.flush();
    }
}
