package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.BANK_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code load account-openings}: the balances taken over from the previous system, one movement
 * per member dated {@code as_of_date}, money carried over from earlier years (DOMAIN.md §4). Once
 * per member: the same opening again is recognised and changes nothing; another one for a member
 * who has one is a bad row. In the ledger, one entry for the file: the fund's bank (the money came
 * with the accounts) against 2301.
 */
@Service
class OpeningsLoad {

    private record Opening(long line, String psnNo, LocalDate asOf, Money balance) {
    }

    private final AccountBook book;
    private final Lookups lookups;
    private final PostingDates postingDates;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final MedsettleProperties properties;
    private final Clock clock;

    OpeningsLoad(AccountBook book, Lookups lookups, PostingDates postingDates, JobRuns jobRuns, JdbcClient jdbc,
                 MedsettleProperties properties, Clock clock) {
        this.book = book;
        this.lookups = lookups;
        this.postingDates = postingDates;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public LoadResult load(Path file) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(30));
        try (LoadSession session = LoadSession.open(AccountFileKind.ACCOUNT_OPENINGS, file, properties.out(), clock)) {
            Map<String, Opening> openings = new LinkedHashMap<>();
            for (InputRow row : session.rows()) {
                String psnNo = Identifiers.memberNumber(row, "psn_no");
                LocalDate asOf = row.date("as_of_date");
                Money balance = row.money("balance");
                if (psnNo != null && openings.containsKey(psnNo)) {
                    row.problem("psn_no", psnNo, "同一人员的期初余额在文件中重复出现", "the member's opening balance appears twice in the file");
                }
                if (row.hasProblems()) {
                    session.reject(row);
                    continue;
                }
                openings.put(psnNo, new Opening(row.line(), psnNo, asOf, balance));
            }
            Set<String> known = lookups.knownMembers(openings.keySet());
            Set<String> closed = book.closed(openings.keySet());
            Map<String, Existing> existing = existing(openings.keySet());
            List<AccountBook.NewMovement> movements = new ArrayList<>();
            long loaded = 0;
            long unchanged = 0;
            for (Opening o : openings.values()) {
                Existing before = existing.get(o.psnNo());
                if (!known.contains(o.psnNo())) {
                    session.reject(o.line(), "psn_no", o.psnNo(), "参保人员不存在", "member unknown");
                } else if (before != null && before.asOf().equals(o.asOf()) && before.balance().equals(o.balance())) {
                    unchanged++;
                } else if (before != null) {
                    session.reject(o.line(), "balance", o.balance().toString(), "该人员已有期初余额(" + before.asOf() + " "
                            + before.balance() + "元)", "the member already has an opening balance (" + before.asOf() + ", "
                            + before.balance() + ")");
                } else if (closed.contains(o.psnNo())) {
                    session.reject(o.line(), "psn_no", o.psnNo(), "个人账户已注销", "the individual account is closed");
                } else if (o.balance().isZero()) {
                    // Nothing carried over: nothing to take over.
                    unchanged++;
                } else {
                    loaded++;
                    movements.add(AccountBook.NewMovement.of(o.psnNo(), AccountMovement.Kind.OPENING, o.balance(), o.asOf(),
                            "opening:" + o.psnNo()));
                }
            }
            if (!movements.isEmpty()) {
                Money total = Money.sum(movements.stream().map(AccountBook.NewMovement::amount).toList());
                book.post(JournalEntry.builder(AccountBook.loadKey("account-openings", session.sha256(), null, movements),
                                postingDates.today(),
                                "个人账户期初余额 " + movements.size() + " 人 (" + session.name() + ")")
                        .debit(BANK_INCOME, total).credit(INDIVIDUAL_ACCOUNTS, total).build(), movements);
            }
            return session.result(loaded, unchanged);
        }
    }

    private record Existing(LocalDate asOf, Money balance) {
    }

    private Map<String, Existing> existing(Set<String> psnNos) {
        Map<String, Existing> existing = new HashMap<>();
        if (!psnNos.isEmpty()) {
            jdbc.sql("select psn_no, value_date, amount from account_movement where source = any (?)")
                    .param(psnNos.stream().map(p -> "opening:" + p).toArray(String[]::new))
                    .query(rs -> {
                        existing.put(rs.getString(1), new Existing(rs.getObject(2, LocalDate.class),
                                Money.of(rs.getBigDecimal(3))));
                    });
        }
        return existing;
    }
}
