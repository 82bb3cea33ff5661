package dev.imagedrift.reference;

/** A file the snapshot builder could not use, with the reject reason code and the full message. */
public record SkippedImage(String id, String reason, String message) {}
