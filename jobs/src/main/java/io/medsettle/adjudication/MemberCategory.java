package io.medsettle.adjudication;

import java.util.Locale;

/** The member's category ({@code psn_type}). Flexible workers are in service except for waiting periods. */
public enum MemberCategory {
    IN_SERVICE, RETIRED, FLEXIBLE;

    public static MemberCategory of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean retired() {
        return this == RETIRED;
    }
}
