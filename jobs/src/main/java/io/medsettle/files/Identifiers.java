package io.medsettle.files;

import java.util.regex.Pattern;

/**
 * The identifiers that cross the project's edges, in one place: what an institution code
 * (定点医药机构编号) and a member number (人员编号) may look like, for input files and command
 * options alike (letters and digits only, so that a code is safe in a file name, a report and a
 * log line, and never mistaken for a formula or a path), and what makes an ID number (身份证号码,
 * GB 11643) valid.
 */
public final class Identifiers {

    /** fixmedins_code: 1 to 12 letters or digits (the database keeps 12 characters). */
    public static final Pattern INSTITUTION_CODE = Pattern.compile("[A-Za-z0-9]{1,12}");

    /** psn_no: 1 to 30 letters or digits (the database keeps 30 characters). */
    public static final Pattern MEMBER_NUMBER = Pattern.compile("[A-Za-z0-9]{1,30}");

    /** What {@link #INSTITUTION_CODE} asks for, in words, for messages. */
    public static final String INSTITUTION_CODE_RULE = "1 to 12 letters or digits";

    /** What {@link #MEMBER_NUMBER} asks for, in words, for messages. */
    public static final String MEMBER_NUMBER_RULE = "1 to 30 letters or digits";

    private static final int[] ID_NUMBER_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_NUMBER_CHECK = "10X98765432";

    private Identifiers() {
    }

    /** GB 11643-1999: 17 digits and a check digit (0-9 or X) over them, modulo 11. */
    public static boolean isIdNumber(CharSequence value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return Character.toUpperCase(value.charAt(17)) == idNumberCheckDigit(value);
    }

    /** The check digit of an ID number whose first 17 characters are digits. */
    public static char idNumberCheckDigit(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_NUMBER_WEIGHTS[i];
        }
        return ID_NUMBER_CHECK.charAt(sum % 11);
    }

    public static boolean isInstitutionCode(String value) {
        return value != null && INSTITUTION_CODE.matcher(value).matches();
    }

    public static boolean isMemberNumber(String value) {
        return value != null && MEMBER_NUMBER.matcher(value).matches();
    }

    /** A required institution code from a row; a value that is not one is a problem of the row ({@code null}). */
    public static String institutionCode(InputRow row, String column) {
        return checked(row, column, INSTITUTION_CODE, "机构编码应为1到12位字母或数字",
                "not an institution code (" + INSTITUTION_CODE_RULE + ")");
    }

    /** A required member number from a row; a value that is not one is a problem of the row ({@code null}). */
    public static String memberNumber(InputRow row, String column) {
        return checked(row, column, MEMBER_NUMBER, "人员编号应为1到30位字母或数字",
                "not a member number (" + MEMBER_NUMBER_RULE + ")");
    }

    private static String checked(InputRow row, String column, Pattern pattern, String reasonZh, String reasonEn) {
        String value = row.text(column);
        if (value != null && !pattern.matcher(value).matches()) {
            row.problem(column, value, reasonZh, reasonEn);
            return null;
        }
        return value;
    }
}
