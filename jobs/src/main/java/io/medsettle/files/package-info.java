/**
 * Reading the input files of formats.md ("Common rules for every input file"): RFC 4180 CSV with a
 * header row whose names are case-insensitive and may come in any order, in UTF-8 (with or without
 * BOM) or GB18030/GBK detected by themselves, streamed row by row so that a file of a million rows
 * never sits in memory.
 *
 * <p>A row's typed getters never throw on bad data: they record a {@link io.medsettle.files.Problem}
 * (file, line, column, value, reason in Chinese and English) and the caller sets the row aside. A
 * file that cannot be read at all (an encoding that is neither, a header without the required
 * columns) is a {@link io.medsettle.files.FileRejectedException}.
 */
package io.medsettle.files;
