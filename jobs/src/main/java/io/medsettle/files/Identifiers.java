package io.medsettle.files;

import java.util.regex.Pattern;

/**
 * The shapes of the identifiers that name things across files, commands and paths: an institution
 * code (定点医药机构编号) and a member number (人员编号). Both are plain letters and digits, so that
 * neither can name a path outside where it belongs or smuggle anything into a report.
 */
public final class Identifiers {

    public static final Pattern INSTITUTION_CODE = Pattern.compile("[A-Za-z0-9]{1,12}");
    public static final Pattern MEMBER_NUMBER = Pattern.compile("[A-Za-z0-9]{1,30}");

    private Identifiers() {
    }

    public static boolean isInstitutionCode(String value) {
        return value != null && INSTITUTION_CODE.matcher(value).matches();
    }

    public static boolean isMemberNumber(String value) {
        return value != null && MEMBER_NUMBER.matcher(value).matches();
    }
}
