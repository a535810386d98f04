package io.medsettle.demo;

import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.BANK_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_CONTRIBUTION_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.holdbackPayable;
import static io.medsettle.ledger.ChartOfAccounts.individualAccount;
import static io.medsettle.ledger.ChartOfAccounts.institutionPayable;

import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.ledger.TrialBalance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A month of a small fund in the ledger: contributions arrive, an institution is settled with the
 * 10 % holdback, the payment leaves the bank, and an entry posted to the wrong institution is
 * reversed and posted again correctly. Every entry has a fixed key, so running the tour again
 * posts nothing new.
 */
@Component
class LedgerTour {

    private static final LocalDate MONTH_END = LocalDate.of(2025, 1, 31);

    private final Ledger ledger;

    LedgerTour(Ledger ledger) {
        this.ledger = ledger;
    }

    record Result(List<PostedEntry> entries, TrialBalance trialBalance) {
    }

    @Transactional
    public Result run() {
        List<PostedEntry> posted = new ArrayList<>();
        posted.add(ledger.post(JournalEntry.builder(key("contributions"), LocalDate.of(2025, 1, 15), "1月基本医疗保险费征缴")
                .debit(BANK_INCOME, Money.of("186000.00"))
                .credit(POOLED_CONTRIBUTION_INCOME, Money.of("150000.00"))
                .credit(individualAccount("P0000001"), Money.of("36000.00"))
                .build()));
        posted.add(ledger.post(JournalEntry.builder(key("settle", "H0001"), MONTH_END, "1月住院费用结算 H0001")
                .debit(POOLED_BENEFIT_EXPENSE, Money.of("48250.00"))
                .credit(institutionPayable("H0001"), Money.rounded(Money.of("48250.00").times(new java.math.BigDecimal("0.9"))))
                .credit(holdbackPayable("H0001"), Money.of("4825.00"))
                .build()));
        posted.add(ledger.post(JournalEntry.builder(key("pay", "H0001"), MONTH_END, "拨付 H0001 1月结算款")
                .debit(institutionPayable("H0001"), Money.of("43425.00"))
                .credit(BANK_EXPENDITURE, Money.of("43425.00"))
                .build()));
        // The clerk first settled H0002's amount against H0003; the reversal names the original.
        PostedEntry mistake = ledger.post(JournalEntry.builder(key("settle", "H0002", "wrong"), MONTH_END, "1月住院费用结算 H0002(误记 H0003)")
                .debit(POOLED_BENEFIT_EXPENSE, Money.of("12000.00"))
                .credit(institutionPayable("H0003"), Money.of("10800.00"))
                .credit(holdbackPayable("H0003"), Money.of("1200.00"))
                .build());
        posted.add(mistake);
        posted.add(ledger.reverse(mistake.id(), key("settle", "H0002", "wrong", "reversal"), MONTH_END, "冲销: 误记 H0003"));
        posted.add(ledger.post(JournalEntry.builder(key("settle", "H0002"), MONTH_END, "1月住院费用结算 H0002")
                .debit(POOLED_BENEFIT_EXPENSE, Money.of("12000.00"))
                .credit(institutionPayable("H0002"), Money.of("10800.00"))
                .credit(holdbackPayable("H0002"), Money.of("1200.00"))
                .build()));
        return new Result(posted, ledger.trialBalance(MONTH_END));
    }

    private static IdempotencyKey key(String... parts) {
        return IdempotencyKey.of((Object[]) prepend("demo:ledger-tour", parts));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
