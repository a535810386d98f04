package io.medsettle.cli;

import io.medsettle.files.Identifiers;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for options that name an institution or a member, so that a value that could not be
 * one is wrong usage (exit 2) before anything starts: {@code @Option(names = "--institution",
 * converter = IdentifierConverters.InstitutionCode.class)}.
 */
public final class IdentifierConverters {

    private IdentifierConverters() {
    }

    /** An institution code ({@link Identifiers#INSTITUTION_CODE}). */
    public static final class InstitutionCode implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Identifiers.isInstitutionCode(value)) {
                throw new TypeConversionException("'" + value + "' is not an institution code ("
                        + Identifiers.INSTITUTION_CODE_RULE + ")");
            }
            return value;
        }
    }

    /** A member number ({@link Identifiers#MEMBER_NUMBER}). */
    public static final class MemberNumber implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Identifiers.isMemberNumber(value)) {
                throw new TypeConversionException("'" + value + "' is not a member number ("
                        + Identifiers.MEMBER_NUMBER_RULE + ")");
            }
            return value;
        }
    }
}
