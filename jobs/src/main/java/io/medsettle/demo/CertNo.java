package io.medsettle.demo;

import io.medsettle.files.Identifiers;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Resident identity numbers (GB 11643-1999) with a correct check digit, for synthetic members. */
final class CertNo {

    private CertNo() {
    }

    /** Region, birth date and a sequence whose last digit is odd for men and even for women. */
    static String of(String region, LocalDate birth, int sequence) {
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
        return body + Identifiers.idNumberCheckDigit(body);
    }
}
