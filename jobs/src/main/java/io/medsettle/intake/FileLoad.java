package io.medsettle.intake;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.PostingDates;
import io.medsettle.accountbook.SpendingCopy;
import io.medsettle.ledger.IdempotencyKey;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The end of an intake's load, in the transaction that copied the file's settlements into
 * {@code settlement}: the revisions of settlements loaded before go into
 * {@code settlement_revision}, what changed for the month-ends into {@code settlement_change}, the
 * account movements into the sub-ledger; the file is marked loaded with its counts, and its staging
 * rows go. Before this transaction commits, the file counts for nothing; after, all of it does.
 */
@Component
class FileLoad {

    private final JdbcClient jdbc;
    private final AccountBook accounts;
    private final PostingDates postingDates;
    private final Clock clock;

    FileLoad(JdbcClient jdbc, AccountBook accounts, PostingDates postingDates, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postingDates = postingDates;
        this.clock = clock;
    }

    record Counts(int read, int loaded, int rejected, boolean late, int revised, int revisedOther) {
    }

    /**
     * Removes what an attempt made before the load was one step left for the file (the figures,
     * the account movements and their problems of an intake interrupted under an earlier version,
     * whose steps committed one by one), so that the load starts from the staged rows alone. In the
     * load's own transaction, it finds nothing: a load that fails leaves nothing behind.
     */
    void clearEarlierAttempt(long fileId) {
        jdbc.sql("delete from revision_staging where file_id = ?").param(fileId).update();
        jdbc.sql("delete from account_staging where file_id = ?").param(fileId).update();
        jdbc.sql("delete from intake_problem where file_id = ? and stage in ('adjudication', 'account')")
                .param(fileId).update();
    }

    /**
     * Where the load copies the members' account debits and refunds as it decides them; posted by
     * {@link #finish}. Made before the load's COPY of settlements opens: it takes the entry's id.
     */
    SpendingCopy spendingCopy() {
        return accounts.spendingCopy();
    }

    /**
     * Everything of the load but the settlements themselves, which the load step has just copied
     * into {@code settlement} in this transaction ({@code loaded} of them), and the account
     * movements, copied into {@code movements}.
     */
    Counts finish(long fileId, long loadedRows, SpendingCopy movements) {
        int loaded = Math.toIntExact(loadedRows);
        // Rows read: the staged ones and those set aside by the row checks.
        int rowsRead = jdbc.sql("""
                        select (select count(*) from discharge_staging where file_id = :f)
                             + (select count(distinct line_no) from intake_problem where file_id = :f and stage = 'row')""")
                .param("f", fileId).query(Integer.class).single();
        // Revision n of a settlement replaces revision n − 1 (revision 1 is the settlement row itself).
        int revised = jdbc.sql("""
                        insert into settlement_revision (fixmedins_code, setl_id, revision, psn_no, file_id, eligible, reason,
                               preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, overcap_amt, hifob_pay, psn_part_amt,
                               acct_pay, diff_flag, diff_fields)
                        select r.fixmedins_code, r.setl_id,
                               coalesce((select max(x.revision) from settlement_revision x
                                          where x.fixmedins_code = r.fixmedins_code and x.setl_id = r.setl_id), 1) + 1,
                               r.psn_no, r.file_id, r.eligible, r.reason, r.preselfpay_amt, r.inscp_scp_amt, r.act_pay_dedc,
                               r.hifp_pay, r.overcap_amt, r.hifob_pay, r.psn_part_amt, r.acct_pay, r.diff_flag, r.diff_fields
                          from revision_staging r where r.file_id = ?""")
                .param(fileId).update();
        int revisedOther = jdbc.sql("""
                        select count(*) from revision_staging r join intake_file f on f.file_id = r.file_id
                         where r.file_id = ? and r.fixmedins_code <> f.fixmedins_code""")
                .param(fileId).query(Integer.class).single();
        boolean late = recordChanges(fileId);
        // The members' account debits, refunds and corrections the load decided, already in the
        // sub-ledger: the file's one entry in the general ledger carries their totals.
        movements.post(IdempotencyKey.of("intake", fileId, "accounts"), postingDates.today(),
                "出院结算个人账户支付 file #" + fileId);
        // A row whose account part was not debited is loaded all the same: it is not a rejected row.
        int rejected = jdbc.sql("select count(distinct line_no) from intake_problem where file_id = ? and stage <> 'account'")
                .param(fileId).query(Integer.class).single();
        jdbc.sql("""
                        update intake_file set status = 'LOADED', rows_read = ?, rows_loaded = ?, rows_rejected = ?,
                               late = ?, rows_revised = ?, rows_revised_other = ?, finished_at = ?
                         where file_id = ? and status = 'STAGING'""")
                .params(rowsRead, loaded, rejected, late, revised - revisedOther, revisedOther,
                        Timestamp.from(clock.instant()), fileId).update();
        jdbc.sql("delete from revision_staging where file_id = ?").param(fileId).update();
        clearStaging(fileId);
        return new Counts(rowsRead, loaded, rejected, late, revised - revisedOther, revisedOther);
    }

    /**
     * The file's staged rows go. Rows are staged only for files still in {@code STAGING}, and
     * intakes run one at a time: when this file is the only one, the table is emptied with
     * {@code TRUNCATE}, which takes milliseconds where deleting a million rows took 1.3 s and left
     * them for the vacuum. Its lock on the table lasts until this transaction commits; nothing but
     * the running intake reads the table. When an interrupted intake of another file waits to
     * resume, its rows stay and only this file's are deleted.
     */
    private void clearStaging(long fileId) {
        boolean alone = jdbc.sql("select not exists (select 1 from intake_file where status = 'STAGING' and file_id <> ?)")
                .param(fileId).query(Boolean.class).single();
        if (alone) {
            jdbc.sql("truncate discharge_staging").update();
        } else {
            jdbc.sql("delete from discharge_staging where file_id = ?").param(fileId).update();
        }
    }

    /**
     * Logs what the file changed for month-ends (docs/month-end.md): every revision and every
     * cancellation, and, when the file's period was already settled (a late file), each of its rows.
     * The next approved month-end settles what of it falls in a closed period. Returns whether the
     * file is late: decided here, under the intakes' lock, which an approval also takes.
     */
    private boolean recordChanges(long fileId) {
        boolean late = jdbc.sql("""
                        select exists (select 1 from month_end_run r join intake_file f on f.period = r.period
                                        where f.file_id = ? and r.status = 'APPROVED')""")
                .param(fileId).query(Boolean.class).single();
        jdbc.sql("""
                        insert into settlement_change (file_id, fixmedins_code, setl_id, kind)
                        select r.file_id, r.fixmedins_code, r.setl_id, 'revision' from revision_staging r
                         where r.file_id = ? order by r.fixmedins_code, r.setl_id""")
                .param(fileId).update();
        // A cancellation is never refused by the adjudication (only an account payment above the share
        // is, and a cancellation takes back): every staged one that passed the checks is loaded.
        jdbc.sql("""
                        insert into settlement_change (file_id, fixmedins_code, setl_id, kind)
                        select s.file_id, s.fixmedins_code, s.init_setl_id, 'cancellation'
                          from discharge_staging s
                         where s.file_id = ? and not s.rejected and s.refd_setl_flag order by s.line_no""")
                .param(fileId).update();
        if (late) {
            jdbc.sql("""
                            insert into settlement_change (file_id, fixmedins_code, setl_id, kind)
                            select s.file_id, s.fixmedins_code, s.setl_id, 'late'
                              from settlement s join intake_file f on f.file_id = s.file_id
                             where s.file_id = ? and s.period = f.period and s.fixmedins_code = f.fixmedins_code
                               and not s.refd_setl_flag
                             order by s.line_no""")
                    .param(fileId).update();
        }
        return late;
    }
}
