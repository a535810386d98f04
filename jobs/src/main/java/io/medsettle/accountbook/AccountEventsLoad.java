package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.BANK_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.INHERITANCE_PAYABLE;
import static io.medsettle.ledger.ChartOfAccounts.INTEREST_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.TRANSFER_OUT_PAYABLE;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.accounts.AccountsPolicy;
import io.medsettle.accounts.Crediting;
import io.medsettle.accounts.InterestCalculator;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code load account-events} (DOMAIN.md §4 "Account events"): a transfer in credits the balance
 * the member brings, as money carried over; a transfer out (调离) or a death first credits the
 * interest up to the day before the event, then pays the whole balance out, to the transfer-out
 * payable with a transfer statement for the receiving region, or to the inheritance payable (with no
 * heir, where the profile says so, to the pooled fund), and closes the account.
 *
 * <p>Events are applied in date order. An event dated before a movement the account already has is
 * refused with that reason (its interest and balance would be wrong), and so is an event for an
 * account already closed. The same event again is recognised and changes nothing. In the ledger, one
 * entry per kind for the file.
 */
@Service
class AccountEventsLoad {

    enum Event { TRANSFER_IN, TRANSFER_OUT, DEATH }

    private record Row(long line, String psnNo, Event event, LocalDate date, Money amount, String counterparty) {
    }

    /** The ledger side of each kind of movement an events file posts, for its one entry per kind. */
    private enum Posting {
        TRANSFER_IN("transfer-in", "个人账户转入", BANK_INCOME),
        INTEREST("interest", "个人账户注销计息", INTEREST_EXPENSE),
        TRANSFER_OUT("transfer-out", "个人账户转出", TRANSFER_OUT_PAYABLE),
        INHERITANCE("inheritance", "个人账户继承", INHERITANCE_PAYABLE),
        HEIRLESS("heirless", "个人账户无继承人余额转入统筹基金", POOLED_FUND);

        final String key;
        final String description;
        final AccountCode counterAccount;

        Posting(String key, String description, AccountCode counterAccount) {
            this.key = key;
            this.description = description;
            this.counterAccount = counterAccount;
        }
    }

    private final AccountBook book;
    private final Lookups lookups;
    private final InterestRatesTable rates;
    private final TransferStatements transferStatements;
    private final PostingDates postingDates;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final MedsettleProperties properties;
    private final Clock clock;

    AccountEventsLoad(AccountBook book, Lookups lookups, InterestRatesTable rates, TransferStatements transferStatements,
                      PostingDates postingDates, JobRuns jobRuns, JdbcClient jdbc, MedsettleProperties properties,
                      Clock clock) {
        this.book = book;
        this.lookups = lookups;
        this.rates = rates;
        this.transferStatements = transferStatements;
        this.postingDates = postingDates;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public LoadResult load(Path file) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(30));
        AccountsPolicy policy = PolicyProfiles.load(properties.policies(), properties.profile()).accounts();
        try (LoadSession session = LoadSession.open(AccountFileKind.ACCOUNT_EVENTS, file, properties.out(), clock)) {
            List<Row> rows = new ArrayList<>();
            for (InputRow input : session.rows()) {
                Row row = read(input);
                if (row == null) {
                    session.reject(input);
                } else {
                    rows.add(row);
                }
            }
            rows.sort(Comparator.comparing(Row::date).thenComparing(Row::line));
            Set<String> known = lookups.knownMembers(rows.stream().map(Row::psnNo).toList());
            Map<Posting, List<AccountBook.NewMovement>> movements = new LinkedHashMap<>();
            Map<String, List<AccountMovement>> held = new HashMap<>(book.movements(known));
            List<TransferStatements.Transfer> transfers = new ArrayList<>();
            Map<String, Row> closing = new LinkedHashMap<>();
            long loaded = 0;
            long unchanged = 0;
            for (Row row : rows) {
                if (!known.contains(row.psnNo())) {
                    session.reject(row.line(), "psn_no", row.psnNo(), "参保人员不存在", "member unknown");
                    continue;
                }
                Optional<AccountBook.Closure> closure = book.closure(row.psnNo());
                if (row.event() == Event.TRANSFER_IN && exists("transfer-in:" + row.psnNo() + ":" + row.date())
                        || closure.isPresent() && closure.get().closedOn().equals(row.date())
                        && closure.get().event().equals(row.event().name().toLowerCase(java.util.Locale.ROOT))) {
                    unchanged++;
                    continue;
                }
                LocalDate closedOn = closure.map(AccountBook.Closure::closedOn)
                        .orElse(closing.containsKey(row.psnNo()) ? closing.get(row.psnNo()).date() : null);
                if (closedOn != null) {
                    session.reject(row.line(), "psn_no", row.psnNo(), "个人账户已于" + closedOn + "注销",
                            "the individual account was closed on " + closedOn);
                    continue;
                }
                List<AccountMovement> account = held.computeIfAbsent(row.psnNo(), k -> new ArrayList<>());
                Optional<LocalDate> later = account.stream().map(AccountMovement::valueDate)
                        .filter(d -> d.isAfter(row.date())).max(Comparator.naturalOrder());
                if (later.isPresent()) {
                    session.reject(row.line(), "event_date", row.date().toString(), "事件日期早于账户已有的" + later.get()
                            + "记账，不能办理", "the event is dated before a movement the account already has (" + later.get() + ")");
                    continue;
                }
                try {
                    apply(row, account, policy, movements, transfers);
                    loaded++;
                    if (row.event() != Event.TRANSFER_IN) {
                        closing.put(row.psnNo(), row);
                    }
                } catch (IllegalStateException noRate) {
                    session.reject(row.line(), "event_date", row.date().toString(), "缺少计息所需的利率: " + noRate.getMessage(),
                            "no interest rate to compute the interest: " + noRate.getMessage());
                }
            }
            LocalDate posting = postingDates.today();
            movements.forEach((kind, list) -> post(kind, list, session, posting));
            Timestamp now = Timestamp.from(clock.instant());
            closing.values().forEach(row -> jdbc.sql("""
                            insert into account_closure (psn_no, closed_on, event, counterparty, recorded_at)
                            values (?, ?, ?, ?, ?)""")
                    .params(row.psnNo(), row.date(), row.event().name().toLowerCase(java.util.Locale.ROOT), row.counterparty(),
                            now)
                    .update());
            transfers.forEach(transferStatements::write);
            return session.result(loaded, unchanged);
        }
    }

    private Row read(InputRow row) {
        String psnNo = Identifiers.memberNumber(row, "psn_no");
        String event = row.code("event", Set.of("transfer_in", "transfer_out", "death"));
        LocalDate date = row.date("event_date");
        Money amount = row.raw("amount").isEmpty() ? null : row.money("amount");
        String counterparty = row.optionalText("counterparty", 100);
        if ("transfer_in".equals(event) && (amount == null || !amount.isPositive()) && !row.hasProblems()) {
            row.problem("amount", row.raw("amount"), "转入须填写大于0的金额", "a transfer in needs an amount above 0");
        }
        if (event != null && !"transfer_in".equals(event) && amount != null) {
            row.problem("amount", amount.toString(), "只有转入填写金额(转出与继承支付账户全部余额)",
                    "only a transfer in has an amount (a transfer out or a death pays out the whole balance)");
        }
        return row.hasProblems() ? null : new Row(row.line(), psnNo, Event.valueOf(event.toUpperCase(java.util.Locale.ROOT)),
                date, amount, counterparty);
    }

    /** The event's movements, added to the account as it goes (later events of the file see them). */
    private void apply(Row row, List<AccountMovement> account, AccountsPolicy policy,
                       Map<Posting, List<AccountBook.NewMovement>> movements, List<TransferStatements.Transfer> transfers) {
        String psn = row.psnNo();
        if (row.event() == Event.TRANSFER_IN) {
            add(movements, Posting.TRANSFER_IN, account, AccountBook.NewMovement.of(psn, AccountMovement.Kind.TRANSFER_IN,
                    row.amount(), row.date(), "transfer-in:" + psn + ":" + row.date()));
            return;
        }
        // Interest up to the day before: the day of withdrawal does not count (DOMAIN.md §4).
        Crediting crediting = Crediting.closing(row.date());
        Money interest = new InterestCalculator(policy.interestMethod(), rates.all())
                .interest(account, crediting.from(), crediting.through());
        Money before = Money.sum(account.stream().map(AccountMovement::amount).toList());
        if (interest.isPositive()) {
            add(movements, Posting.INTEREST, account, AccountBook.NewMovement.of(psn, AccountMovement.Kind.INTEREST, interest,
                    crediting.valueDate(), "interest:" + psn + ":" + row.date()));
        }
        Money balance = before.plus(interest);
        Posting to = row.event() == Event.TRANSFER_OUT ? Posting.TRANSFER_OUT
                : row.counterparty() == null && policy.heirlessToPooledFund() ? Posting.HEIRLESS : Posting.INHERITANCE;
        if (balance.isPositive()) {
            add(movements, to, account, AccountBook.NewMovement.of(psn, AccountMovement.Kind.PAID_OUT, balance.negate(),
                    row.date(), "paid-out:" + psn + ":" + row.date()));
        }
        if (row.event() == Event.TRANSFER_OUT) {
            transfers.add(new TransferStatements.Transfer(psn, row.date(), before, interest, balance, row.counterparty()));
        }
    }

    private static void add(Map<Posting, List<AccountBook.NewMovement>> movements, Posting kind, List<AccountMovement> account,
                            AccountBook.NewMovement movement) {
        movements.computeIfAbsent(kind, k -> new ArrayList<>()).add(movement);
        account.add(movement.movement());
    }

    private void post(Posting kind, List<AccountBook.NewMovement> movements, LoadSession session, LocalDate posting) {
        Money total = Money.sum(movements.stream().map(AccountBook.NewMovement::amount).toList());
        JournalEntry.Builder entry = JournalEntry.builder(AccountBook.loadKey("account-events", session.sha256(), kind.key, movements),
                posting, kind.description + " " + movements.size() + " 人 (" + session.name() + ")");
        // A credit to the members (a transfer in, interest) comes from the counter account; a payment out goes to it.
        entry.debit(kind.counterAccount, total).credit(INDIVIDUAL_ACCOUNTS, total);
        book.post(entry.build(), movements);
    }

    private boolean exists(String source) {
        return jdbc.sql("select exists (select 1 from account_movement where source = ?)").param(source)
                .query(Boolean.class).single();
    }
}
