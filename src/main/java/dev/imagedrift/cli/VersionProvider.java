package dev.imagedrift.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest ("dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"image-drift-monitor " + version()};
    }
}
