package io.medsettle.reports;

/**
 * Text as it may appear in a statement: formula-like text escaped (the OWASP rule for CSV
 * injection: a leading apostrophe), ID numbers masked.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Prefixes text that starts with {@code = + - @} (or a tab or carriage return) with {@code '}. */
    public static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    /** The most characters an Excel cell holds. */
    public static final int MAX_CELL_CHARS = 32_767;

    /**
     * Text for a workbook cell: escaped, and cut to what a cell holds, with a note saying so (a
     * hostile file's value can be megabytes long, and POI refuses the whole cell otherwise).
     */
    public static String forCell(String text) {
        String escaped = escape(text);
        if (escaped == null || escaped.length() <= MAX_CELL_CHARS) {
            return escaped;
        }
        String note = "…(截断,共" + escaped.length() + "字符 / truncated, " + escaped.length() + " characters)";
        return escaped.substring(0, MAX_CELL_CHARS - note.length()) + note;
    }

    /** Keeps the first 6 and the last 4 characters of an ID number; shorter values are masked whole. */
    public static String maskId(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 10) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
