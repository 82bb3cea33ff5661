package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DriftStatus;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every trial outcome of a run, with the run's description and details, as gzip CSV: so the
 * report can be rendered again (after a template edit) without repeating the trials.
 * Header lines are {@code # key=value}; then one line per trial:
 * {@code scenario,size,trial,calibrated status,score,auc,p,reference status,score,auc,KS Bonferroni p}.
 */
final class TrialLog {
    static final String DESCRIPTION = "description";
    /** Bumped when the columns change, so a log of another format is never read. */
    static final int FORMAT = 2;

    private TrialLog() {}

    static void write(Path file, Map<String, String> header, EvaluationResults results) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "trials-", ".tmp");
        try {
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(temp)), StandardCharsets.UTF_8))) {
                for (Map.Entry<String, String> e : header.entrySet()) {
                    if (e.getKey().contains("=") || e.getValue().contains("\n")) {
                        throw new IllegalArgumentException("header entry cannot be stored: " + e.getKey());
                    }
                    out.write("# " + e.getKey() + "=" + e.getValue() + "\n");
                }
                for (CellResult cell : results.all()) {
                    List<TrialOutcome> outcomes = cell.outcomes();
                    for (int t = 0; t < outcomes.size(); t++) {
                        RuleOutcome c = outcomes.get(t).calibrated();
                        RuleOutcome r = outcomes.get(t).referenceCheck();
                        out.write(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s%n",
                                cell.cell().scenario().key(), cell.cell().size(), t, c.status(), exact(c.score()),
                                exact(c.auc()), exact(c.pValue()), r.status(), exact(r.score()), exact(r.auc()),
                                exact(outcomes.get(t).ksBonferroni())));
                    }
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The header of a log. */
    static Map<String, String> header(Path file) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        try (BufferedReader in = reader(file)) {
            for (String line = in.readLine(); line != null && line.startsWith("# "); line = in.readLine()) {
                int eq = line.indexOf('=');
                if (eq > 2) header.put(line.substring(2, eq), line.substring(eq + 1));
            }
        }
        return header;
    }

    /**
     * The results stored for this plan, if the log exists and was written for exactly {@code description}.
     *
     * @throws IOException if the log matches but is damaged
     */
    static Optional<EvaluationResults> read(Path file, String description, EvaluationPlan plan) throws IOException {
        if (!Files.isRegularFile(file) || !description.equals(header(file).get(DESCRIPTION))) return Optional.empty();
        List<Cell> cells = plan.cells();
        Map<String, TrialOutcome[]> outcomes = new LinkedHashMap<>();
        for (Cell cell : cells) outcomes.put(cell.scenario().key() + "@" + cell.size(), new TrialOutcome[cell.trials()]);
        try (BufferedReader in = reader(file)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.startsWith("# ")) continue;
                String[] f = line.split(",", -1);
                try {
                    TrialOutcome[] cell = outcomes.get(f[0] + "@" + f[1]);
                    int trial = Integer.parseInt(f[2]);
                    cell[trial] = new TrialOutcome(
                            new RuleOutcome(DriftStatus.valueOf(f[3]), parse(f[4]), parse(f[5]), parse(f[6])),
                            new RuleOutcome(DriftStatus.valueOf(f[7]), parse(f[8]), parse(f[9]), Double.NaN),
                            parse(f[10]));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": not a trial of this plan: " + line, e);
                }
            }
        }
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : cells) {
            TrialOutcome[] o = outcomes.get(cell.scenario().key() + "@" + cell.size());
            for (int t = 0; t < o.length; t++) {
                if (o[t] == null) throw new IOException(file + ": trial " + t + " of " + cell.scenario().key() + " at "
                        + cell.size() + " is missing");
            }
            results.add(new CellResult(cell, List.of(o)));
        }
        return Optional.of(new EvaluationResults(plan, results));
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8));
    }

    /** Shortest text that reads back as the same double. */
    private static String exact(double v) {
        return Double.toString(v);
    }

    private static double parse(String s) {
        return Double.parseDouble(s);
    }
}
