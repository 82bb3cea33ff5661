package dev.imagedrift.ops;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The anchors GitHub-style Markdown renderers give a document's headings ("## Foo Bar" -> foo-bar). */
final class RunbookAnchors {
    private RunbookAnchors() {
    }

    static Set<String> of(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toUnmodifiableSet());
    }
}
