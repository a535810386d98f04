package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A value of a profile file with its key path, so that every complaint says exactly where:
 * {@code langfang-2024.yaml: deductible.by_level.2: must be a non-negative amount, was "abc"}.
 */
record ProfileNode(String file, String path, Object value) {

    ProfileException error(String reason) {
        return new ProfileException(file + ": " + (path.isEmpty() ? "(top)" : path) + ": " + reason
                + (value == null ? "" : ", was \"" + value + "\""));
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
        if (!(value instanceof Map<?, ?> m)) {
            throw error("must be a mapping");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    ProfileNode get(String key) {
        Object child = map().get(key);
        if (child == null) {
            throw new ProfileException(file + ": " + childPath(key) + ": is required");
        }
        return new ProfileNode(file, childPath(key), child);
    }

    Optional<ProfileNode> find(String key) {
        Object child = value == null ? null : map().get(key);
        return child == null ? Optional.empty() : Optional.of(new ProfileNode(file, childPath(key), child));
    }

    /** Refuses a key that is neither one of {@code notes} (source, assumed) nor one of {@code keys}. */
    void onlyKeys(String[] notes, String... keys) {
        Set<String> allowed = new LinkedHashSet<>(List.of(keys));
        allowed.addAll(List.of(notes));
        for (String key : map().keySet()) {
            if (!allowed.contains(key)) {
                throw new ProfileException(file + ": " + childPath(key) + ": is not a key here (expected "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    List<ProfileNode> list() {
        if (!(value instanceof List<?> l)) {
            throw error("must be a list");
        }
        return java.util.stream.IntStream.range(0, l.size())
                .mapToObj(i -> new ProfileNode(file, path + "[" + i + "]", l.get(i))).toList();
    }

    Map<String, ProfileNode> entries() {
        Map<String, ProfileNode> entries = new LinkedHashMap<>();
        map().forEach((k, v) -> entries.put(k, new ProfileNode(file, childPath(k), v)));
        return entries;
    }

    String text() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw error("must be text");
        }
        return value.toString();
    }

    boolean flag() {
        if (!(value instanceof Boolean b)) {
            throw error("must be true or false");
        }
        return b;
    }

    BigDecimal decimal() {
        try {
            return new BigDecimal(text());
        } catch (NumberFormatException e) {
            throw error("must be a number");
        }
    }

    /** A rate or share: an exact decimal from 0 to 1 (0.85, not 85). */
    BigDecimal rate() {
        BigDecimal rate = decimal();
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw error("must be a rate between 0 and 1 (0.85, not 85)");
        }
        return rate;
    }

    Money amount() {
        BigDecimal amount = decimal();
        if (amount.signum() < 0) {
            throw error("must be a non-negative amount");
        }
        try {
            return Money.of(amount);
        } catch (IllegalArgumentException e) {
            throw error("must be an amount in yuan with at most 2 decimals");
        }
    }

    int integer(int min, int max) {
        try {
            int number = Integer.parseInt(text());
            if (number < min || number > max) {
                throw error("must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error("must be a whole number");
        }
    }
}
