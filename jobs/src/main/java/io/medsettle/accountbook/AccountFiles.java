package io.medsettle.accountbook;

import java.nio.file.Path;

import org.springframework.stereotype.Service;

/** Loads an account file of any kind ({@link AccountFileKind}) with the load made for it. */
@Service
public class AccountFiles {

    private final ContributionsLoad contributions;
    private final OpeningsLoad openings;
    private final AccountPaymentsLoad payments;
    private final AccountEventsLoad events;

    AccountFiles(ContributionsLoad contributions, OpeningsLoad openings, AccountPaymentsLoad payments,
                 AccountEventsLoad events) {
        this.contributions = contributions;
        this.openings = openings;
        this.payments = payments;
        this.events = events;
    }

    /**
     * @throws io.medsettle.files.FileRejectedException when the file is unreadable or its header unusable
     */
    public LoadResult load(AccountFileKind kind, Path file) {
        return switch (kind) {
            case CONTRIBUTIONS -> contributions.load(file);
            case ACCOUNT_OPENINGS -> openings.load(file);
            case ACCOUNT_PAYMENTS -> payments.load(file);
            case ACCOUNT_EVENTS -> events.load(file);
        };
    }
}
