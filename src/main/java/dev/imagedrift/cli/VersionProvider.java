package dev.imagedrift.cli;

import dev.imagedrift.app.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest ("dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"image-drift-monitor " + BuildInfo.version()};
    }
}
