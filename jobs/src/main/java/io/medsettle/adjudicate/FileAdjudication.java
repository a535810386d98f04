package io.medsettle.adjudicate;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberCategory;
import io.medsettle.adjudication.MemberHistory;
import io.medsettle.adjudication.PolicyProfile;
import io.medsettle.adjudication.Settlement;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.discharges.DischargeRow;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.files.Problem;
import io.medsettle.files.ValidationReport;
import io.medsettle.ledger.Money;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.reference.ReferenceRows;
import io.medsettle.reports.Column;
import io.medsettle.reports.CsvStatement;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adjudicates discharge files against institution and member files under a profile, and writes
 * one result row per settlement (formats.md "adjudication" results). Each member's settlements
 * are processed in DOMAIN.md's order ({@link MemberHistory}), whatever the order of the files: the
 * intake computes the same figures from the database, whatever order the files arrive in.
 */
final class FileAdjudication {

    static final List<Column> RESULT_COLUMNS = List.of(Column.text("setl_id", "结算ID"),
            Column.text("fixmedins_code", "机构编码"), Column.text("psn_no", "人员编号"), Column.text("eligible", "符合待遇"),
            Column.text("reason", "原因"), Column.money("preselfpay_amt", "先行自付"), Column.money("inscp_scp_amt", "政策范围内费用"),
            Column.money("act_pay_dedc", "起付线"), Column.money("hifp_pay", "统筹支付"), Column.money("overcap_amt", "超限额费用"),
            Column.money("hifob_pay", "补充层支付"), Column.money("psn_part_amt", "个人负担"), Column.text("diff_flag", "核对差异"),
            Column.money("acct_pay", "个人账户支付"), Column.text("diff_fields", "差异项"));

    record Summary(long rows, long eligible, long ineligible, long differences, long rejected, Money fundPay,
                   Money supplementaryPay, Money memberPart, Optional<Path> report) {
    }

    private final PolicyProfile profile;
    private final List<Problem> problems = new ArrayList<>();

    FileAdjudication(PolicyProfile profile) {
        this.profile = profile;
    }

    Summary run(Path institutionsFile, Path membersFile, List<Path> dischargeFiles, Path out) {
        Map<String, Institution> institutions = institutions(institutionsFile);
        Map<String, Member> members = members(membersFile);
        Map<String, List<Settlement>> byMember = new TreeMap<>();
        Set<String> settlementKeys = new HashSet<>();
        long rejected = 0;
        for (Path file : dischargeFiles) {
            try (InputFile input = InputFile.open(file, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
                problems.addAll(input.warnings());
                for (InputRow row : input) {
                    DischargeRow discharge = DischargeRow.check(row, null, null);
                    if (discharge.accepted() && !institutions.containsKey(discharge.values().institution())) {
                        row.problem("fixmedins_code", discharge.values().institution(), "定点医疗机构不存在", "institution unknown");
                    } else if (discharge.accepted()
                            && !settlementKeys.add(discharge.values().institution() + "/" + discharge.values().setlId())) {
                        row.problem("setl_id", discharge.values().setlId(), "结算ID重复", "setl_id repeated");
                    }
                    if (row.hasProblems()) {
                        problems.addAll(row.problems());
                        rejected++;
                        continue;
                    }
                    Settlement settlement = discharge.toSettlement();
                    byMember.computeIfAbsent(settlement.psnNo(), k -> new ArrayList<>()).add(settlement);
                }
            }
        }
        BenefitEngine engine = new BenefitEngine(profile);
        long rows = 0;
        long eligible = 0;
        long differences = 0;
        Money fund = Money.ZERO;
        Money supplementary = Money.ZERO;
        Money memberPart = Money.ZERO;
        try (CsvStatement csv = CsvStatement.create(out, RESULT_COLUMNS)) {
            for (Map.Entry<String, List<Settlement>> entry : byMember.entrySet()) {
                List<Settlement> settlements = entry.getValue();
                settlements.sort(Settlement.PROCESSING_ORDER);
                Member member = members.get(entry.getKey());
                MemberHistory history = new MemberHistory();
                for (Settlement s : settlements) {
                    Adjudication a = history.adjudicate(engine, member, institutions.get(s.institutionCode()), s);
                    rows++;
                    eligible += a.eligible() ? 1 : 0;
                    differences += a.differs() ? 1 : 0;
                    fund = fund.plus(a.fundPay());
                    supplementary = supplementary.plus(a.supplementaryPay());
                    memberPart = memberPart.plus(a.memberPart());
                    csv.row(a.setlId(), a.institutionCode(), a.psnNo(), a.eligible() ? "Y" : "N", a.reason(),
                            a.preSelfPay(), a.inScope(), a.deductible(), a.fundPay(), a.overCap(), a.supplementaryPay(),
                            a.memberPart(), a.differs() ? "Y" : "N", a.acctPay(), String.join(" ", a.differences()));
                }
            }
        }
        Optional<Path> report = Optional.empty();
        if (!problems.isEmpty()) {
            String name = out.getFileName().toString().replaceFirst("\\.csv$", "");
            try (ValidationReport r = new ValidationReport(out.resolveSibling(name + "-report"), "待遇核算输入校验报告",
                    List.<String[]>of(new String[] {"政策", profile.id()}))) {
                problems.forEach(r::add);
                report = Optional.of(r.xlsx());
            }
        }
        return new Summary(rows, eligible, rows - eligible, differences, rejected, fund, supplementary, memberPart, report);
    }

    private Map<String, Institution> institutions(Path file) {
        Map<String, Institution> institutions = new HashMap<>();
        read(file, ReferenceKind.INSTITUTIONS, values -> institutions.put((String) values.get(0),
                new Institution((String) values.get(0), (Integer) values.get(2), (String) values.get(3),
                        Optional.ofNullable((String) values.get(4)))));
        return institutions;
    }

    private Map<String, Member> members(Path file) {
        Map<String, Member> members = new HashMap<>();
        read(file, ReferenceKind.MEMBERS, values -> members.put((String) values.get(0),
                new Member((String) values.get(0), MemberCategory.of((String) values.get(5)), (LocalDate) values.get(4),
                        (LocalDate) values.get(7), (Integer) values.get(8))));
        return members;
    }

    private void read(Path file, ReferenceKind kind, java.util.function.Consumer<List<Object>> accept) {
        try (InputFile input = InputFile.open(file, ReferenceRows.required(kind), ReferenceRows.optional(kind))) {
            problems.addAll(input.warnings());
            for (InputRow row : input) {
                List<Object> values = ReferenceRows.read(kind, row);
                if (values == null) {
                    problems.addAll(row.problems());
                } else {
                    accept.accept(values);
                }
            }
        }
    }
}
