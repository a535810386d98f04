package io.medsettle.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Resident identity numbers (GB 11643-1999) with a correct check digit, for synthetic members. */
final class CertNo {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private CertNo() {
    }

    /** Region, birth date and a sequence whose last digit is odd for men and even for women. */
    static String of(String region, LocalDate birth, int sequence) {
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
        return body + checkDigit(body);
    }

    static char checkDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
