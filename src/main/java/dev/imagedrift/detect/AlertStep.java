package dev.imagedrift.detect;

/** The state after one window and what changed. */
public record AlertStep(AlertState state, AlertTransition transition) {}
