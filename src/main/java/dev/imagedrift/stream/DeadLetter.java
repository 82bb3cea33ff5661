package dev.imagedrift.stream;

/**
 * A record bound for the dead-letter topic: the original key and value bytes (or, for a late
 * event that was already measured, its observation as JSON), the reason and a message.
 */
public record DeadLetter(byte[] key, byte[] value, DeadLetterReason reason, String message, SourcePosition source) {}
