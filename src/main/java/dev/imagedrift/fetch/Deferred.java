package dev.imagedrift.fetch;

/** An attempt stopped because the byte budget is spent and its fetch is not at the head of its queue. */
final class Deferred extends Exception {
    static final Deferred INSTANCE = new Deferred();

    private Deferred() {
        super("deferred: the fetch byte budget is spent", null, false, false);
    }
}
