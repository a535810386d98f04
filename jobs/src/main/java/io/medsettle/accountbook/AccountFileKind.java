package io.medsettle.accountbook;

import java.util.List;
import java.util.Optional;

/**
 * The files of the members' accounts that {@code ./medsettle load KIND FILE} takes (formats.md
 * "Other inputs"), with their columns.
 */
public enum AccountFileKind {
    CONTRIBUTIONS("contributions", List.of("psn_no", "period", "base", "employer_amt", "personal_amt"),
            List.of("emp_no", "paid_date")),
    ACCOUNT_OPENINGS("account-openings", List.of("psn_no", "as_of_date", "balance"), List.of()),
    ACCOUNT_PAYMENTS("account-payments", List.of("setl_id", "psn_no", "fixmedins_code", "setl_time", "acct_pay"),
            List.of("refd_setl_flag", "init_setl_id")),
    ACCOUNT_EVENTS("account-events", List.of("psn_no", "event", "event_date"), List.of("amount", "counterparty"));

    private final String id;
    private final List<String> required;
    private final List<String> optional;

    AccountFileKind(String id, List<String> required, List<String> optional) {
        this.id = id;
        this.required = required;
        this.optional = optional;
    }

    public String id() {
        return id;
    }

    List<String> required() {
        return required;
    }

    List<String> optional() {
        return optional;
    }

    public static Optional<AccountFileKind> byId(String id) {
        for (AccountFileKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
