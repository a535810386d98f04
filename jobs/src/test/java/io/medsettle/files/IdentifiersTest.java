package io.medsettle.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void institutionCodesAndMemberNumbersAreLettersAndDigitsOfTheirLength() {
        assertThat(Identifiers.isInstitutionCode("H32070000001")).isTrue();
        assertThat(Identifiers.isInstitutionCode("h1")).isTrue();
        assertThat(Identifiers.isInstitutionCode("H320700000012")).as("13 characters").isFalse();
        assertThat(Identifiers.isInstitutionCode("H-1")).isFalse();
        assertThat(Identifiers.isInstitutionCode("=1+2")).isFalse();
        assertThat(Identifiers.isInstitutionCode("")).isFalse();
        assertThat(Identifiers.isInstitutionCode(null)).isFalse();
        assertThat(Identifiers.isInstitutionCode("医院1")).isFalse();

        assertThat(Identifiers.isMemberNumber("P".repeat(30))).isTrue();
        assertThat(Identifiers.isMemberNumber("P".repeat(31))).isFalse();
        assertThat(Identifiers.isMemberNumber("P 1")).isFalse();
        assertThat(Identifiers.isMemberNumber("../x")).isFalse();
    }

    @Test
    void idNumbersCarryTheirGb11643CheckDigit() {
        assertThat(Identifiers.isIdNumber("320706199001011230")).isTrue();
        assertThat(Identifiers.isIdNumber("11010519491231002X")).isTrue();
        assertThat(Identifiers.isIdNumber("11010519491231002x")).isTrue();
        assertThat(Identifiers.isIdNumber("320706199001011231")).as("wrong check digit").isFalse();
        assertThat(Identifiers.isIdNumber("32070619900101123")).as("17 characters").isFalse();
        assertThat(Identifiers.isIdNumber("3207061990010112300")).as("19 characters").isFalse();
        assertThat(Identifiers.isIdNumber("32070619900101123A")).isFalse();
        assertThat(Identifiers.idNumberCheckDigit("11010519491231002")).isEqualTo('X');
    }
}
