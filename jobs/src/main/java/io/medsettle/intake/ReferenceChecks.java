package io.medsettle.intake;

import java.util.BitSet;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks that need more than the row itself, made set-based over the whole staged file: the
 * member and the institution known on the row's dates, a {@code setl_id} used once in the file and
 * never loaded before, a cancellation naming a settlement that exists, of the same member. Each failed check is a
 * problem for the report, and the row is set aside.
 *
 * <p>They run in the load's transaction ({@link DischargeLoad}) and start by removing their own
 * earlier findings, so a run that is restarted finds the same problems once.
 */
@Component
class ReferenceChecks {

    /** Each check: the column it is about, the value shown, the reasons, and the rows it catches. */
    private record Check(String column, String value, String reasonZh, String reasonEn, String failing) {
    }

    private static final Check[] CHECKS = {
            new Check("psn_no", "s.psn_no", "参保人员不存在", "member unknown",
                    "not exists (select 1 from member m where m.psn_no = s.psn_no)"),
            new Check("fixmedins_code", "s.fixmedins_code", "定点医疗机构不存在", "institution unknown",
                    "not exists (select 1 from institution i where i.fixmedins_code = s.fixmedins_code"
                            + " and i.valid_from <= s.enddate and (i.valid_to is null or i.valid_to > s.enddate))"),
            new Check("setl_id", "s.setl_id", "结算ID在本文件中重复", "setl_id repeated in this file",
                    "exists (select 1 from discharge_staging d where d.file_id = s.file_id and d.setl_id = s.setl_id"
                            + " and d.line_no < s.line_no)"),
            new Check("setl_id", "s.setl_id", "结算ID已于此前上传", "setl_id was loaded before",
                    "exists (select 1 from settlement t where t.fixmedins_code = s.fixmedins_code and t.setl_id = s.setl_id)"),
            new Check("init_setl_id", "s.init_setl_id", "被冲销的原结算不存在", "the cancelled settlement does not exist",
                    "s.refd_setl_flag and not exists (select 1 from settlement t where t.fixmedins_code = s.fixmedins_code"
                            + " and t.setl_id = s.init_setl_id and not t.refd_setl_flag)"
                            + " and not exists (select 1 from discharge_staging d where d.file_id = s.file_id"
                            + " and d.setl_id = s.init_setl_id and not d.refd_setl_flag)"),
            new Check("init_setl_id", "s.init_setl_id", "同一原结算在本文件中被冲销两次",
                    "this file cancels the same settlement twice",
                    "s.refd_setl_flag and exists (select 1 from discharge_staging d where d.file_id = s.file_id"
                            + " and d.refd_setl_flag and d.init_setl_id = s.init_setl_id and d.line_no < s.line_no)"),
            // A cancellation reverses its settlement's member's figures, and the load finds the settlement among
            // that member's own rows: one that names another member is a mistake in the file, not a cancellation.
            new Check("psn_no", "s.psn_no", "冲销记录的人员编号与原结算不一致", "the cancellation names another member than the settlement it cancels",
                    "s.refd_setl_flag and (exists (select 1 from settlement t where t.fixmedins_code = s.fixmedins_code"
                            + " and t.setl_id = s.init_setl_id and not t.refd_setl_flag and t.psn_no <> s.psn_no)"
                            + " or exists (select 1 from discharge_staging d where d.file_id = s.file_id"
                            + " and d.setl_id = s.init_setl_id and not d.refd_setl_flag and d.psn_no <> s.psn_no))"),
            new Check("init_setl_id", "s.init_setl_id", "原结算已被冲销", "the settlement was already cancelled",
                    "s.refd_setl_flag and exists (select 1 from settlement t where t.fixmedins_code = s.fixmedins_code"
                            + " and t.refd_setl_flag and t.init_setl_id = s.init_setl_id)"),
    };

    private final JdbcClient jdbc;

    ReferenceChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fresh statistics for the staging table, which has just received a whole file: without them
     * the planner takes it for empty and joins it to itself row by row (minutes for 200,000 rows).
     * ANALYZE needs the owner's rights: see afterMigrate.sql.
     */
    static void analyzeStaging(JdbcClient jdbc) {
        jdbc.sql("call medsettle_analyze('discharge_staging')").update();
    }

    /** Runs every check on the file's staged rows; returns the lines of the rows set aside. */
    BitSet check(long fileId) {
        // The staging step analyzed the table it filled; a file staged by an earlier version and
        // resumed after an upgrade was not, and the self-joins below must not be planned blind.
        analyzeStaging(jdbc);
        // An earlier attempt whose work committed but whose step did not record its end left its
        // findings: they go, and the rows they set aside come back (a scan of the file, so only then).
        if (jdbc.sql("delete from intake_problem where file_id = ? and stage = 'reference'").param(fileId).update() > 0) {
            jdbc.sql("update discharge_staging set rejected = false where file_id = ? and rejected").param(fileId).update();
        }
        for (Check check : CHECKS) {
            jdbc.sql("insert into intake_problem (file_id, line_no, column_name, value, reason_zh, reason_en, stage) "
                            + "select s.file_id, s.line_no, ?, " + check.value() + ", ?, ?, 'reference' "
                            + "from discharge_staging s where s.file_id = ? and (" + check.failing() + ")")
                    .params(check.column(), check.reasonZh(), check.reasonEn(), fileId)
                    .update();
        }
        jdbc.sql("""
                        update discharge_staging s set rejected = true
                         where s.file_id = ? and exists (select 1 from intake_problem p
                               where p.file_id = s.file_id and p.line_no = s.line_no and p.stage = 'reference')""")
                .param(fileId).update();
        BitSet lines = new BitSet();
        jdbc.sql("select distinct line_no from intake_problem where file_id = ? and stage = 'reference'").param(fileId)
                .query((RowCallbackHandler) rs -> lines.set(rs.getInt(1)));
        return lines;
    }
}
