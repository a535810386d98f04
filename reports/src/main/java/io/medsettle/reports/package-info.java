/**
 * Statement writers: the CSV files finance systems import and the Excel workbooks people read.
 *
 * <p>Two rules hold for every statement. Text that a spreadsheet would take for a formula (it
 * starts with {@code = + - @}) is escaped, so that a name in a hospital's file can never run in
 * the finance department's Excel. ID numbers are masked, keeping the first 6 and the last 4
 * characters.
 */
package io.medsettle.reports;
