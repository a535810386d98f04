package io.medsettle.files;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * One data row. Every getter reads a column by its (lower-case) name, converts it, and on bad data
 * records a problem and returns {@code null}, so that all of a row's problems are found in one pass.
 */
public final class InputRow {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    /**
     * The largest amount any table holds ({@code numeric(14, 2)}): a value beyond it is a row problem
     * here, never a database error that stops the whole file.
     */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** Dates outside these years are typing errors in every file we take, and year 0 does not exist. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2099;

    private final String file;
    private final long line;
    private final CSVRecord record;
    private final Map<String, Integer> columns;
    private List<Problem> problems;

    InputRow(String file, long line, CSVRecord record, Map<String, Integer> columns) {
        this.file = file;
        this.line = line;
        this.record = record;
        this.columns = columns;
    }

    public long line() {
        return line;
    }

    /** The raw, trimmed value; empty when the column is absent or the row is short. */
    public String raw(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return "";
        }
        return record.get(index).strip();
    }

    /**
     * Control characters belong in no value we take: PostgreSQL refuses a NUL outright, and the others
     * are at best invisible in a statement. Free text (a name) may keep tabs and line breaks that a
     * quoted CSV value carries; an identifier, a code or a bounded field may not.
     */
    private String clean(String column, String value, boolean freeText) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = freeText && (c == '\t' || c == '\n' || c == '\r');
            if ((c < 0x20 || c == 0x7F) && !allowed) {
                problem(column, value.replaceAll("\\p{Cntrl}", "?"), "含有控制字符(如换行、制表符或空字符)",
                        "contains a control character (such as a line break, a tab or a NUL)");
                return null;
            }
        }
        return value;
    }

    /** Records a problem found by the caller (a check across columns, a lookup). */
    public void problem(String column, String value, String reasonZh, String reasonEn) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(new Problem(file, line, column, value, reasonZh, reasonEn));
    }

    public boolean hasProblems() {
        return problems != null && !problems.isEmpty();
    }

    public List<Problem> problems() {
        return problems == null ? List.of() : List.copyOf(problems);
    }

    private String required(String column) {
        return required(column, false);
    }

    private String required(String column, boolean freeText) {
        String value = raw(column);
        if (value.isEmpty()) {
            problem(column, value, "必填项为空", "required value is empty");
            return null;
        }
        return clean(column, value, freeText);
    }

    /** Free text, such as a name: tabs and line breaks of a quoted value are kept. */
    public String text(String column) {
        return required(column, true);
    }

    /** Free text that may be empty: {@code null} then. */
    public String optionalText(String column) {
        String value = raw(column);
        return value.isEmpty() ? null : clean(column, value, true);
    }

    /** A bounded value that may be empty ({@code null} then), of at most {@code max} characters. */
    public String optionalText(String column, int max) {
        String value = raw(column);
        value = value.isEmpty() ? null : clean(column, value, false);
        if (value != null && value.length() > max) {
            problem(column, value, "长度超过" + max + "个字符", "longer than " + max + " characters");
            return null;
        }
        return value;
    }


    /** Text of at most {@code max} characters. */
    public String text(String column, int max) {
        String value = required(column);
        if (value != null && value.length() > max) {
            problem(column, value, "长度超过" + max + "个字符", "longer than " + max + " characters");
            return null;
        }
        return value;
    }

    public Money money(String column) {
        String value = required(column);
        return value == null ? null : parseMoney(column, value);
    }

    /** An amount that may be empty: empty means 0 (formats.md). */
    public Money optionalMoney(String column) {
        String value = raw(column);
        return value.isEmpty() ? Money.ZERO : parseMoney(column, value);
    }

    /** An amount the hospital may leave out: {@code null} when empty (a figure not reported). */
    public Money reportedMoney(String column) {
        String value = raw(column);
        return value.isEmpty() ? null : parseMoney(column, value);
    }

    private Money parseMoney(String column, String value) {
        if (!isAmount(value)) {
            problem(column, value, "金额格式错误(元,最多两位小数,不含千分位)",
                    "not an amount in yuan with at most 2 decimals and no thousands separators");
            return null;
        }
        Money money = Money.of(new BigDecimal(value));
        if (money.abs().amount().compareTo(MAX_AMOUNT) > 0) {
            problem(column, value, "金额过大(最多12位整数)", "amount too large (at most 12 digits before the point)");
            return null;
        }
        if (money.isNegative()) {
            problem(column, value, "金额不能为负数", "amount must not be negative");
            return null;
        }
        return money;
    }

    /**
     * Whether the text is an amount as formats.md writes it: an optional minus, 1 to 13 digits, and
     * at most two decimals. A hand-written scan rather than a regular expression: it runs for some
     * twenty columns of every row of a million-row file.
     */
    static boolean isAmount(String value) {
        int i = value.startsWith("-") ? 1 : 0;
        int digits = 0;
        while (i < value.length() && isDigit(value.charAt(i))) {
            i++;
            digits++;
        }
        if (digits < 1 || digits > 13) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i) != '.') {
            return false;
        }
        int decimals = value.length() - i - 1;
        if (decimals < 1 || decimals > 2) {
            return false;
        }
        for (i++; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code yyyy-MM-dd} read without a formatter (the formatter is the slow part of a large file),
     * with the strict formatter's answer: {@code null} for anything else or a day that does not exist.
     */
    static LocalDate isoDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} likewise. */
    static LocalDateTime isoDateTime(String value) {
        if (value.length() != 19 || value.charAt(10) != ' ' || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        LocalDate date = isoDate(value.substring(0, 10));
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return date.atTime(hour, minute, second);
    }

    /** The decimal number written in {@code value[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    public LocalDate date(String column) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        LocalDate date = isoDate(value);
        if (date == null) {
            problem(column, value, "日期格式错误,应为yyyy-MM-dd", "not a date in the form yyyy-MM-dd");
        } else if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            problem(column, value, "年份应在" + FIRST_YEAR + "到" + LAST_YEAR + "之间",
                    "the year must be between " + FIRST_YEAR + " and " + LAST_YEAR);
            return null;
        }
        return date;
    }

    public LocalDate optionalDate(String column) {
        return raw(column).isEmpty() ? null : date(column);
    }

    public LocalDateTime dateTime(String column) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        LocalDateTime time = isoDateTime(value);
        if (time == null) {
            problem(column, value, "时间格式错误,应为yyyy-MM-dd HH:mm:ss", "not a time in the form yyyy-MM-dd HH:mm:ss");
        } else if (time.getYear() < FIRST_YEAR || time.getYear() > LAST_YEAR) {
            problem(column, value, "年份应在" + FIRST_YEAR + "到" + LAST_YEAR + "之间",
                    "the year must be between " + FIRST_YEAR + " and " + LAST_YEAR);
            return null;
        }
        return time;
    }

    public YearMonth month(String column) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(value, MONTH);
            if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR) {
                problem(column, value, "年份应在" + FIRST_YEAR + "到" + LAST_YEAR + "之间",
                        "the year must be between " + FIRST_YEAR + " and " + LAST_YEAR);
                return null;
            }
            return month;
        } catch (DateTimeParseException e) {
            problem(column, value, "月份格式错误,应为yyyy-MM", "not a month in the form yyyy-MM");
            return null;
        }
    }

    public Integer integer(String column, int min, int max) {
        String value = required(column);
        return value == null ? null : parseInteger(column, value, min, max);
    }

    /** A whole number that may be empty: {@code fallback} then. */
    public Integer optionalInteger(String column, int min, int max, int fallback) {
        String value = raw(column);
        return value.isEmpty() ? Integer.valueOf(fallback) : parseInteger(column, value, min, max);
    }

    private Integer parseInteger(String column, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                problem(column, value, "应在" + min + "到" + max + "之间", "must be between " + min + " and " + max);
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problem(column, value, "不是整数", "not a whole number");
            return null;
        }
    }

    /** A decimal such as a rate or a score; {@code null} on a problem. */
    public BigDecimal decimal(String column) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            problem(column, value, "不是数字", "not a number");
            return null;
        }
    }

    /** 0 or 1; empty means 0. */
    public boolean flag(String column) {
        String value = raw(column);
        if (value.isEmpty() || value.equals("0")) {
            return false;
        }
        if (value.equals("1")) {
            return true;
        }
        problem(column, value, "应为0或1", "must be 0 or 1");
        return false;
    }

    /** One of the allowed codes (compared case-insensitively, returned in lower case). */
    public String code(String column, Collection<String> allowed) {
        String value = required(column);
        return value == null ? null : checkCode(column, value, allowed);
    }

    /** One of the allowed codes, or {@code fallback} when empty. */
    public String optionalCode(String column, Collection<String> allowed, String fallback) {
        String value = raw(column);
        return value.isEmpty() ? fallback : checkCode(column, value, allowed);
    }

    private String checkCode(String column, String value, Collection<String> allowed) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            problem(column, value, "取值应为: " + String.join(", ", allowed), "must be one of " + String.join(", ", allowed));
            return null;
        }
        return lower;
    }
}
