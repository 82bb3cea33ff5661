package dev.imagedrift.properties;

import java.util.List;

/** Registered in src/test/resources/META-INF/services: adds {@link SaturationProperty} to discovered sets. */
public final class TestPropertyProvider implements ImagePropertyProvider {
    @Override
    public List<ImageProperty> properties() {
        return List.of(new SaturationProperty());
    }
}
