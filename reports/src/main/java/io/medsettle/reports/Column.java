package io.medsettle.reports;

/**
 * A column of a statement table: its Chinese header, what kind of value it holds, and for CSV
 * the machine name (formats.md's column names).
 */
public record Column(String name, String header, Kind kind) {

    public enum Kind {
        TEXT, MONEY, INTEGER, DATE, DECIMAL
    }

    public static Column text(String name, String header) {
        return new Column(name, header, Kind.TEXT);
    }

    public static Column money(String name, String header) {
        return new Column(name, header, Kind.MONEY);
    }

    public static Column integer(String name, String header) {
        return new Column(name, header, Kind.INTEGER);
    }

    public static Column date(String name, String header) {
        return new Column(name, header, Kind.DATE);
    }

    public static Column decimal(String name, String header) {
        return new Column(name, header, Kind.DECIMAL);
    }
}
