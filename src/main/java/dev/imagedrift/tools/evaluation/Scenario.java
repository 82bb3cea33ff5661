package dev.imagedrift.tools.evaluation;

import java.util.Objects;

/**
 * What the current window is drawn from. The reference window always holds unshifted pool images;
 * the current window holds other pool images, either as they are (no drift), shifted, or images
 * of another domain.
 *
 * @param key    short stable name (tables, file names)
 * @param label  human-readable name
 * @param shift  the pixel shift applied to the current pool images, or null for a domain scenario
 * @param domain the domain the current images come from, or null for a pool scenario
 */
public record Scenario(String key, String label, Shift shift, String domain) {
    public Scenario {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        if ((shift == null) == (domain == null)) {
            throw new IllegalArgumentException(key + ": a scenario is either a pool shift or another domain");
        }
    }

    public static Scenario noDrift() {
        return new Scenario(Shift.NONE.key(), "No drift", Shift.NONE, null);
    }

    public static Scenario shifted(Shift shift) {
        return new Scenario(shift.key(), shift.label(), shift, null);
    }

    public static Scenario otherDomain(String domain, String label) {
        return new Scenario("domain-" + domain, label, null, domain);
    }

    public boolean isNoDrift() { return shift == Shift.NONE; }

    public boolean isDomain() { return domain != null; }
}
