package dev.imagedrift.tools.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the trials read: the pool's property vectors under every shift (the same images in
 * the same order in every variant, so row i is image i shifted) and the other image domains.
 */
public final class EvaluationData {
    private final List<String> propertyNames;
    private final Map<Shift, PropertyTable> pool;
    private final Map<String, PropertyTable> domains;

    public EvaluationData(Map<Shift, PropertyTable> pool, Map<String, PropertyTable> domains) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(domains, "domains");
        PropertyTable base = pool.get(Shift.NONE);
        if (base == null) throw new IllegalArgumentException("the pool needs its unshifted variant (" + Shift.NONE.key() + ")");
        this.propertyNames = base.propertyNames();
        for (PropertyTable table : pool.values()) {
            if (!table.ids().equals(base.ids())) {
                throw new IllegalArgumentException("pool variant " + table.name() + " does not hold the pool's images in order");
            }
            requireSameProperties(table);
        }
        for (PropertyTable table : domains.values()) requireSameProperties(table);
        this.pool = Collections.unmodifiableMap(new EnumMap<>(pool));
        this.domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** A pool with no shifted variants and no other domain: enough for no-drift trials. */
    public static EvaluationData nullOnly(PropertyTable pool) {
        return new EvaluationData(Map.of(Shift.NONE, pool), Map.of());
    }

    private void requireSameProperties(PropertyTable table) {
        if (!table.propertyNames().equals(propertyNames)) {
            throw new IllegalArgumentException(table.name() + " has properties " + table.propertyNames()
                    + ", the pool has " + propertyNames);
        }
    }

    public List<String> propertyNames() { return propertyNames; }

    public int poolSize() { return pool.get(Shift.NONE).size(); }

    public PropertyTable pool(Shift shift) {
        PropertyTable table = pool.get(shift);
        if (table == null) throw new IllegalArgumentException("no pool variant for shift " + shift.key());
        return table;
    }

    public PropertyTable domain(String key) {
        PropertyTable table = domains.get(key);
        if (table == null) throw new IllegalArgumentException("no image domain '" + key + "'; known: " + domains.keySet());
        return table;
    }

    public boolean hasShift(Shift shift) { return pool.containsKey(shift); }

    public boolean hasDomain(String key) { return domains.containsKey(key); }

    /** All tables, pool variants first (cache order). */
    public Map<String, PropertyTable> tables() {
        Map<String, PropertyTable> all = new LinkedHashMap<>();
        pool.values().forEach(t -> all.put(t.name(), t));
        domains.values().forEach(t -> all.put(t.name(), t));
        return all;
    }

    public Map<String, PropertyTable> domains() { return domains; }
}
