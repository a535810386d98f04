package io.medsettle.adjudication;

import java.util.Objects;
import java.util.Optional;

/**
 * The institution as the engine needs it. Level 0 (unrated) is treated as level 1 everywhere
 * (DOMAIN.md), so {@link #level()} is always 1, 2 or 3.
 */
public record Institution(String code, int level, String kind, Optional<String> tier) {

    public Institution {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tier, "tier");
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("hospital level is 0 to 3: " + level);
        }
        level = Math.max(level, 1);
    }

    public boolean tcm() {
        return "tcm".equals(kind);
    }
}
