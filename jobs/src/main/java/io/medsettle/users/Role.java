package io.medsettle.users;

import java.util.Locale;

/** What a console user may do; each role sees its own pages (issue 12). */
public enum Role {
    /** Uploads its own institutions' discharge files and sees their outcomes and statements. */
    HOSPITAL,
    /** Runs and approves month-ends and year-ends, watches the periods, reads members' accounts. */
    ACCOUNTANT,
    /** Downloads statements and payment orders. */
    FINANCE,
    /** Manages users. */
    ADMIN;

    /** The name stored and typed: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a stored or typed name; the caller has checked it is one. */
    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
