package io.medsettle.accountbook;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a load of an account file did.
 *
 * @param rows      data rows read
 * @param loaded    rows that changed something (a new contribution, a payment debited, ...)
 * @param unchanged rows the database already had, as they were (a file loaded again)
 * @param rejected  rows not loaded, each in the report with its reason
 * @param report    the report, when there were problems or warnings
 */
public record LoadResult(long rows, long loaded, long unchanged, long rejected, Optional<Path> report) {
}
