package io.medsettle.reference;

import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.reports.SafeText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How each kind of reference file is read: its columns and the checks of a row. A row comes back
 * as its values in {@link ReferenceKind#columns()} order, or {@code null} when it has problems
 * (they are on the row).
 */
public final class ReferenceRows {

    private static final Set<String> INSTITUTION_KINDS = Set.of("general", "tcm", "specialist", "community", "pharmacy");
    private static final Set<String> MEMBER_TYPES = Set.of("in_service", "retired", "flexible");
    /** A bank account number: digits only, as the bank prints it (no spaces or dashes). */
    private static final Pattern BANK_ACCOUNT = Pattern.compile("[0-9]{6,32}");

    private ReferenceRows() {
    }

    public static List<String> required(ReferenceKind kind) {
        return switch (kind) {
            case INSTITUTIONS -> List.of("fixmedins_code", "fixmedins_name", "hosp_lv", "inst_kind");
            case MEMBERS -> List.of("psn_no", "psn_name", "certno", "gend", "brdy", "psn_type", "insu_begn_date");
            default -> kind.columns();
        };
    }

    public static List<String> optional(ReferenceKind kind) {
        List<String> optional = new ArrayList<>(kind.columns());
        optional.removeAll(required(kind));
        return optional;
    }

    public static List<Object> read(ReferenceKind kind, InputRow row) {
        List<Object> values = switch (kind) {
            case INSTITUTIONS -> institution(row);
            case MEMBERS -> member(row);
            case APPROVED_AVERAGES -> Arrays.asList(Identifiers.institutionCode(row, "fixmedins_code"),
                    row.integer("year", 1990, 2100), row.money("approved_avg"));
            case BUDGETS -> Arrays.asList(row.integer("year", 1990, 2100), row.integer("month", 1, 12),
                    row.money("control_total"));
            case ASSESSMENT_SCORES -> Arrays.asList(Identifiers.institutionCode(row, "fixmedins_code"),
                    row.integer("year", 1990, 2100), range(row, "score", BigDecimal.ZERO, BigDecimal.valueOf(100)));
            case INTEREST_RATES -> Arrays.asList(row.date("effective_date"), row.code("kind", Set.of("demand", "time_3m")),
                    range(row, "annual_rate", BigDecimal.ZERO, new BigDecimal("0.2")));
        };
        return row.hasProblems() ? null : values;
    }

    private static List<Object> institution(InputRow row) {
        List<Object> values = new ArrayList<>(Arrays.asList(Identifiers.institutionCode(row, "fixmedins_code"),
                row.text("fixmedins_name", 200), row.integer("hosp_lv", 0, 3), row.code("inst_kind", INSTITUTION_KINDS),
                row.optionalText("tier")));
        values.addAll(bank(row));
        return values;
    }

    /**
     * Where payments go: both columns or neither, since a payment order needs the bank and the
     * account together; the account is digits only, kept as text (leading zeros are part of it).
     */
    private static List<String> bank(InputRow row) {
        String name = row.optionalText("bank_name", 100);
        String account = row.optionalText("bank_account", 32);
        if (account != null && !BANK_ACCOUNT.matcher(account).matches()) {
            row.problem("bank_account", account, "银行账号应为6到32位数字", "not a bank account number (6 to 32 digits)");
        }
        boolean named = !row.raw("bank_name").isEmpty();
        if (named != !row.raw("bank_account").isEmpty()) {
            row.problem(named ? "bank_account" : "bank_name", "", "开户银行与银行账号应同时填写或同时为空",
                    "bank_name and bank_account are given together or not at all");
        }
        return Arrays.asList(name, account);
    }

    private static List<Object> member(InputRow row) {
        String certno = certNo(row);
        LocalDate birth = row.date("brdy");
        String type = row.code("psn_type", MEMBER_TYPES);
        Integer extraYears = row.optionalInteger("extra_contrib_years", 0, 60, 0);
        return Arrays.asList(Identifiers.memberNumber(row, "psn_no"), row.text("psn_name", 100), certno,
                row.code("gend", Set.of("1", "2")), birth, type, row.optionalText("emp_no"), row.date("insu_begn_date"),
                extraYears, row.reportedMoney("pension_prev_year"), row.reportedMoney("wage_prev_year"));
    }

    /**
     * The ID number, checked. A report shows it masked, as every file medsettle writes does
     * ({@link SafeText#maskId}): the clerk finds the row by its line and member number.
     */
    private static String certNo(InputRow row) {
        String certno = row.raw("certno");
        if (certno.isEmpty()) {
            return row.text("certno");
        }
        if (!Identifiers.isIdNumber(certno)) {
            row.problem("certno", SafeText.maskId(certno), "身份证号码格式或校验位错误(GB 11643)",
                    "not a valid ID number (GB 11643 check digit)");
            return null;
        }
        return certno;
    }

    private static BigDecimal range(InputRow row, String column, BigDecimal min, BigDecimal max) {
        BigDecimal value = row.decimal(column);
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            row.problem(column, value.toPlainString(), "应在" + min + "到" + max + "之间", "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }
}
