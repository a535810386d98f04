package io.medsettle.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the summaries printed at the end of a run. Chinese characters take two
 * columns in a terminal, so widths are counted in display columns, not in chars.
 */
public final class ConsoleTable {

    public enum Align { LEFT, RIGHT }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<List<String>> rows = new ArrayList<>();

    private ConsoleTable(List<String> headers, List<Align> aligns) {
        this.headers = headers;
        this.aligns = aligns;
    }

    /** Columns given as header names; a header ending in {@code >} is right-aligned (numbers). */
    public static ConsoleTable of(String... headers) {
        List<String> names = new ArrayList<>();
        List<Align> aligns = new ArrayList<>();
        for (String h : headers) {
            boolean right = h.endsWith(">");
            names.add(right ? h.substring(0, h.length() - 1) : h);
            aligns.add(right ? Align.RIGHT : Align.LEFT);
        }
        return new ConsoleTable(names, aligns);
    }

    public ConsoleTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
        return this;
    }

    /** Amounts with thousands separators and two decimals, counts with separators, as statements show them. */
    static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof io.medsettle.ledger.Money money) {
            return new java.text.DecimalFormat("#,##0.00").format(money.amount());
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return String.format("%,d", ((Number) cell).longValue());
        }
        return cell.toString();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        out.println(line(headers, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - width(cell));
            line.append(c == 0 ? "" : "  ").append(aligns.get(c) == Align.RIGHT ? pad + cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }

    /** Display columns: East Asian wide characters count two. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
