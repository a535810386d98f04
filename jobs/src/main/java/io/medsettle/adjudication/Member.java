package io.medsettle.adjudication;

import java.time.LocalDate;
import java.util.Objects;

/** The member as the engine needs them. */
public record Member(String psnNo, MemberCategory category, LocalDate birthDate, LocalDate insuredSince,
                     int extraContributionYears) {

    public Member {
        Objects.requireNonNull(psnNo, "psnNo");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(insuredSince, "insuredSince");
    }
}
