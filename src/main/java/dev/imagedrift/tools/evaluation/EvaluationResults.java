package dev.imagedrift.tools.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every cell's outcomes, with the plan that produced them. */
public final class EvaluationResults {
    private final EvaluationPlan plan;
    private final Map<String, CellResult> cells = new LinkedHashMap<>();

    public EvaluationResults(EvaluationPlan plan, List<CellResult> results) {
        this.plan = Objects.requireNonNull(plan, "plan");
        for (CellResult r : results) cells.put(key(r.cell().scenario().key(), r.cell().size()), r);
    }

    public EvaluationPlan plan() { return plan; }

    public List<Integer> sizes() { return plan.sizes(); }

    public List<Scenario> driftScenarios() { return plan.scenarios(); }

    public CellResult noDrift(int size) { return cell(Scenario.noDrift(), size); }

    public CellResult cell(Scenario scenario, int size) {
        CellResult r = cells.get(key(scenario.key(), size));
        if (r == null) throw new IllegalArgumentException("no results for " + scenario.key() + " at " + size + " per side");
        return r;
    }

    public List<CellResult> all() { return List.copyOf(cells.values()); }

    private static String key(String scenario, int size) {
        return scenario + "@" + size;
    }
}
