package dev.imagedrift.tools.evaluation;

/** Runs a plan's trials on the data. */
public final class Evaluation {
    private Evaluation() {}

    public static EvaluationResults run(EvaluationPlan plan, EvaluationData data, int threads, Progress.Factory progress) {
        TrialRunner runner = new TrialRunner(data, plan.calibrated(), plan.referenceCheck(), plan.seed(), threads);
        try (Progress p = progress.start("trials (both rules each)", plan.totalTrials(), "trials")) {
            return new EvaluationResults(plan, runner.run(plan.cells(), p::step));
        }
    }
}
