package io.medsettle.reference;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A reference table and how a load merges into it: by key, either replacing the row (plain) or
 * keeping effective-dated versions ({@code valid_from}, {@code valid_to}).
 */
record ReferenceTable(String name, List<String> keys, List<String> values, boolean versioned) {

    static ReferenceTable plain(String name, List<String> keys, List<String> values) {
        return new ReferenceTable(name, keys, values, false);
    }

    static ReferenceTable versioned(String name, String key, List<String> values) {
        return new ReferenceTable(name, List.of(key), values, true);
    }

    List<String> loadedColumns() {
        return java.util.stream.Stream.concat(keys.stream(), values.stream()).toList();
    }

    String stagingTable() {
        return "load_" + name;
    }

    String createStaging() {
        return "create temporary table " + stagingTable() + " on commit drop as select "
                + String.join(", ", loadedColumns()) + " from " + name + " with no data";
    }

    private String keyMatch(String a, String b) {
        return keys.stream().map(k -> a + "." + k + " = " + b + "." + k).collect(Collectors.joining(" and "));
    }

    private String changed(String a, String b) {
        return "(" + values.stream().map(v -> a + "." + v).collect(Collectors.joining(", ")) + ") is distinct from ("
                + values.stream().map(v -> b + "." + v).collect(Collectors.joining(", ")) + ")";
    }

    private String assignFrom(String b) {
        return values.stream().map(v -> v + " = " + b + "." + v).collect(Collectors.joining(", "));
    }

    /** Plain tables: insert new keys, overwrite changed rows. Parameter: loaded_at. */
    String upsert() {
        return "insert into " + name + " (" + String.join(", ", loadedColumns()) + ", loaded_at) "
                + "select " + String.join(", ", loadedColumns()) + ", ? from " + stagingTable()
                + " on conflict (" + String.join(", ", keys) + ") do update set "
                + values.stream().map(v -> v + " = excluded." + v).collect(Collectors.joining(", "))
                + ", loaded_at = excluded.loaded_at where ("
                + values.stream().map(v -> name + "." + v).collect(Collectors.joining(", ")) + ") is distinct from ("
                + values.stream().map(v -> "excluded." + v).collect(Collectors.joining(", ")) + ")";
    }

    /** Versioned: a version that starts on the effective date itself is corrected in place. Parameters: loaded_at, effective. */
    String correctSameDayVersion() {
        return "update " + name + " c set " + assignFrom("s") + ", loaded_at = ? from " + stagingTable() + " s where "
                + keyMatch("c", "s") + " and c.valid_to is null and c.valid_from = ? and " + changed("c", "s");
    }

    /** Versioned: close the current version of every changed key the day the new one starts. Parameters: effective ×2. */
    String closeChangedVersions() {
        return "update " + name + " c set valid_to = ? from " + stagingTable() + " s where "
                + keyMatch("c", "s") + " and c.valid_to is null and c.valid_from < ? and " + changed("c", "s");
    }

    /**
     * Versioned: open a version for every key without a current one. A key seen for the first time
     * is valid from the beginning of time; a changed key from the effective date. Parameters:
     * effective, loaded_at.
     */
    String openNewVersions() {
        String k = keys.get(0);
        return "insert into " + name + " (" + String.join(", ", loadedColumns()) + ", valid_from, loaded_at) "
                + "select " + loadedColumns().stream().map(c -> "s." + c).collect(Collectors.joining(", "))
                + ", case when exists (select 1 from " + name + " o where o." + k + " = s." + k + ") then ? "
                + "else date '0001-01-01' end, ? from " + stagingTable() + " s "
                + "where not exists (select 1 from " + name + " c where c." + k + " = s." + k + " and c.valid_to is null)";
    }
}
