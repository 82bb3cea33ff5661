package dev.imagedrift.tools.evaluation;

/** The two decision rules compared. */
public enum Rule {
    /** The product's rule: out-of-fold AUC, chained rank-test p-value, drift iff p &lt; alpha and score &gt;= floor. */
    CALIBRATED("calibrated"),
    /** deepchecks' rule: one 70/30 split, drift iff max(2 AUC - 1, 0) &gt;= threshold. */
    REFERENCE_CHECK("reference check");

    private final String label;

    Rule(String label) { this.label = label; }

    public String label() { return label; }
}
