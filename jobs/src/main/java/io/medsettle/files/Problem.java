package io.medsettle.files;

/**
 * Something wrong in an input file, said precisely enough for a hospital's clerk to fix it: the
 * file, the line (1 is the header; 0 for the whole file), the column, the value found and why it
 * is wrong, in Chinese and in English.
 */
public record Problem(String file, long line, String column, String value, String reasonZh, String reasonEn) {

    public static Problem wholeFile(String file, String reasonZh, String reasonEn) {
        return new Problem(file, 0, "", "", reasonZh, reasonEn);
    }

    /** One line for a terminal or a log. */
    public String describe() {
        String where = line == 0 ? file : file + ":" + line + (column.isEmpty() ? "" : " " + column);
        return where + (value == null || value.isEmpty() ? "" : " \"" + value + "\"") + ": " + reasonEn + " (" + reasonZh + ")";
    }
}
