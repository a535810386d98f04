package io.medsettle.reference;

import java.util.List;
import java.util.Optional;

/** The kinds of reference file that {@code ./medsettle load KIND FILE} takes, with their tables. */
public enum ReferenceKind {
    INSTITUTIONS("institutions", ReferenceTable.versioned("institution", "fixmedins_code",
            List.of("fixmedins_name", "hosp_lv", "inst_kind", "tier", "bank_name", "bank_account"))),
    MEMBERS("members", ReferenceTable.versioned("member", "psn_no",
            List.of("psn_name", "certno", "gend", "brdy", "psn_type", "emp_no", "insu_begn_date",
                    "extra_contrib_years", "pension_prev_year", "wage_prev_year"))),
    APPROVED_AVERAGES("approved-averages", ReferenceTable.plain("approved_average",
            List.of("fixmedins_code", "year"), List.of("approved_avg"))),
    BUDGETS("budgets", ReferenceTable.plain("budget", List.of("year", "month"), List.of("control_total"))),
    ASSESSMENT_SCORES("assessment-scores", ReferenceTable.plain("assessment_score",
            List.of("fixmedins_code", "year"), List.of("score"))),
    INTEREST_RATES("interest-rates", ReferenceTable.plain("interest_rate",
            List.of("effective_date", "kind"), List.of("annual_rate")));

    private final String id;
    private final ReferenceTable table;

    ReferenceKind(String id, ReferenceTable table) {
        this.id = id;
        this.table = table;
    }

    /** The name used on the command line: {@code institutions}, {@code approved-averages}, ... */
    public String id() {
        return id;
    }

    ReferenceTable table() {
        return table;
    }

    /** The file's columns, in the order rows are copied. */
    public List<String> columns() {
        return table.loadedColumns();
    }

    public static Optional<ReferenceKind> byId(String id) {
        for (ReferenceKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
