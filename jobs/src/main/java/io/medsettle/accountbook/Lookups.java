package io.medsettle.accountbook;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reference lookups the account loads share, made for many keys at once. */
@Component
class Lookups {

    /** Keys per query: large files look up their members in slices. */
    private static final int SLICE = 10_000;

    private final JdbcClient jdbc;

    Lookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> knownMembers(Collection<String> psnNos) {
        return known("select distinct psn_no from member where psn_no = any (?)", psnNos);
    }

    Set<String> knownInstitutions(Collection<String> codes) {
        return known("select distinct fixmedins_code from institution where fixmedins_code = any (?)", codes);
    }

    private Set<String> known(String sql, Collection<String> keys) {
        Set<String> known = new HashSet<>();
        List<String> all = new ArrayList<>(new HashSet<>(keys));
        for (int from = 0; from < all.size(); from += SLICE) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            known.addAll(jdbc.sql(sql).param(slice.toArray(String[]::new)).query(String.class).list());
        }
        return known;
    }

    /** Whether the month's settlement with the institutions was approved (the month is closed). */
    boolean settled(YearMonth period) {
        return jdbc.sql("select exists (select 1 from month_end_run where period = ? and status = 'APPROVED')")
                .param(period.toString()).query(Boolean.class).single();
    }

    /** The month itself when it is open, otherwise the first open month after it. */
    YearMonth firstOpenFrom(YearMonth period) {
        YearMonth month = period;
        while (settled(month)) {
            month = month.plusMonths(1);
        }
        return month;
    }
}
