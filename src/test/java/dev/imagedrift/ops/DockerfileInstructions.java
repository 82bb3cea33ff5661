package dev.imagedrift.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The instructions of a Dockerfile: the global ARGs before the first FROM, then the build stages.
 * Continuation lines joined, comments and parser directives dropped. (The file is built for real by
 * scripts/container-check.sh; this reads its structure for the unit tests.)
 */
record DockerfileInstructions(Map<String, String> globalArgs, List<Stage> stages) {
    record Instruction(String keyword, String arguments) {
        /** Exec-form arguments (a JSON array), as a list. */
        List<String> execForm() {
            try {
                return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new UncheckedIOException(keyword + " is not in exec form (a JSON array): " + arguments, e);
            }
        }
    }

    record Stage(String from, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The last instruction of the kind in this stage itself (not inherited). */
        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }
    }

    static DockerfileInstructions parse(String dockerfile) {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed.substring(0, trimmed.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().trim();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(from[0], name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (!instruction.keyword().equals("ARG")) {
                    throw new IllegalArgumentException("Dockerfile: " + instruction.keyword() + " before the first FROM");
                }
                String[] arg = instruction.arguments().split("=", 2);
                globalArgs.put(arg[0], arg.length > 1 ? arg[1] : null);
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new DockerfileInstructions(globalArgs, stages);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in the Dockerfile"));
    }

    /** The stages {@code stage} is built on, itself first, following FROM through named stages. */
    List<Stage> lineage(Stage stage) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; s != null; s = stages.stream().filter(p -> chain.get(chain.size() - 1).from().equals(p.name()))
                .findFirst().orElse(null)) {
            chain.add(s);
        }
        return chain;
    }

    /**
     * The instruction of the kind that takes effect in {@code stage}: its own last one, else its
     * parents'. As in Docker, a stage that sets ENTRYPOINT does not inherit CMD.
     */
    Optional<Instruction> effective(Stage stage, String keyword) {
        for (Stage s : lineage(stage)) {
            Optional<Instruction> own = s.last(keyword);
            if (own.isPresent() || (keyword.equals("CMD") && s.last("ENTRYPOINT").isPresent())) {
                return own;
            }
        }
        return Optional.empty();
    }
}
