package dev.imagedrift.stream;

/**
 * The characters and lengths allowed in event ids and stream names. Both end up in logs, dead-letter
 * headers, score records and (stream names) metric labels and dashboards, so characters that can
 * rewrite what an operator sees are refused: control characters (a forged log line), Unicode format
 * characters (bidi overrides reorder text, zero-width characters hide differences), line and
 * paragraph separators, private-use, unassigned and lone surrogate code points.
 *
 * <ul>
 *   <li>stream: 1 to {@value #MAX_STREAM_LENGTH} ASCII characters, letters, digits and
 *       {@code . _ - : / @}, starting with a letter or digit (ASCII only: look-alike letters from
 *       other scripts would make two streams look like one on a dashboard);</li>
 *   <li>id: 1 to {@value #MAX_ID_LENGTH} printable Unicode characters (spaces allowed, not at either end).</li>
 * </ul>
 */
public final class EventIdentifiers {
    public static final int MAX_STREAM_LENGTH = 200;
    public static final int MAX_ID_LENGTH = 512;
    /** The allowed stream names as a regular expression (documented in the README and the event schema). */
    public static final String STREAM_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/@-]*";
    private static final java.util.regex.Pattern STREAM = java.util.regex.Pattern.compile(STREAM_PATTERN);
    /** How much of a refused value a message quotes. */
    private static final int QUOTED = 64;

    private EventIdentifiers() {}

    /** Returns the stream name if allowed; else throws with reason {@code bad_stream}. */
    public static String checkStream(String stream) throws RejectedEvent {
        if (stream.length() > MAX_STREAM_LENGTH) {
            throw new RejectedEvent(DeadLetterReason.BAD_STREAM, "stream name is longer than " + MAX_STREAM_LENGTH
                    + " characters: " + quote(stream));
        }
        if (!STREAM.matcher(stream).matches()) {
            throw new RejectedEvent(DeadLetterReason.BAD_STREAM, "stream name " + quote(stream)
                    + " has characters outside " + STREAM_PATTERN);
        }
        return stream;
    }

    /** Returns the id if allowed; else throws with reason {@code bad_id}. */
    public static String checkId(String id) throws RejectedEvent {
        if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
            throw new RejectedEvent(DeadLetterReason.BAD_ID, "id is longer than " + MAX_ID_LENGTH + " characters: "
                    + quote(id));
        }
        if (Character.isWhitespace(id.codePointAt(0)) || Character.isWhitespace(id.codePointBefore(id.length()))) {
            throw new RejectedEvent(DeadLetterReason.BAD_ID, "id " + quote(id) + " starts or ends with white space");
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (!allowedInId(cp)) {
                throw new RejectedEvent(DeadLetterReason.BAD_ID, "id " + quote(id) + " contains the character U+"
                        + String.format("%04X", cp) + " (" + Character.getName(cp) + ")");
            }
            i += Character.charCount(cp);
        }
        return id;
    }

    static boolean allowedInId(int cp) {
        if (cp == ' ') return true;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED ->
                    false;
            default -> true;
        };
    }

    /**
     * A refused value as it may appear in a message: at most {@value #QUOTED} characters, every
     * character a reader could be fooled by written as {@code \\uXXXX}, in single quotes.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < QUOTED; shown++) {
            int cp = value.codePointAt(i);
            if (cp < 0x7f && cp >= 0x20 && cp != '\\' && cp != '\'') {
                out.append((char) cp);
            } else if (cp >= 0x7f && allowedInId(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04X", cp));
            }
            i += Character.charCount(cp);
        }
        out.append('\'');
        if (shown < value.codePointCount(0, value.length())) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
