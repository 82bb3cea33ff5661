package dev.imagedrift.properties;

import java.util.List;

/**
 * Service-provider hook for custom properties: list an implementation in
 * {@code META-INF/services/dev.imagedrift.properties.ImagePropertyProvider} inside a jar on the
 * classpath and its properties are appended to the seven built-ins.
 */
public interface ImagePropertyProvider {
    List<ImageProperty> properties();
}
