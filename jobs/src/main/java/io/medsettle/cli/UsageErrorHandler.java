package io.medsettle.cli;

import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Shows wrong usage as picocli does (the reason, then the command's usage; exit 2), with a value
 * that could not be converted said the short way: {@code --period: '2025-13' is not a month in the
 * form yyyy-MM} rather than {@code Invalid value for option '--period' (yyyy-MM): ...}.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    private final IParameterExceptionHandler standard;

    UsageErrorHandler(IParameterExceptionHandler standard) {
        this.standard = standard;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) throws Exception {
        return standard.handleParseException(plain(e), args);
    }

    static ParameterException plain(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (!(e.getCause() instanceof TypeConversionException conversion) || arg == null) {
            return e;
        }
        String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
        return new ParameterException(e.getCommandLine(), name + ": " + conversion.getMessage(), conversion, arg,
                e.getValue());
    }
}
