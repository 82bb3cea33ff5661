package dev.imagedrift.stream;

/** Either a value for the next stage or a dead letter, so one processor can route to both. */
public record Outcome<T>(T value, DeadLetter deadLetter) {
    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, null);
    }

    public static <T> Outcome<T> dead(DeadLetter deadLetter) {
        return new Outcome<>(null, deadLetter);
    }

    public boolean isDead() {
        return deadLetter != null;
    }
}
