package dev.imagedrift.properties;

import java.util.List;

/** The seven default properties of the reference check, in its order. */
public enum BuiltinProperty {
    ASPECT_RATIO("Aspect Ratio", "aspect_ratio"),
    AREA("Area", "area"),
    BRIGHTNESS("Brightness", "brightness"),
    RMS_CONTRAST("RMS Contrast", "rms_contrast"),
    MEAN_RED_RELATIVE_INTENSITY("Mean Red Relative Intensity", "mean_red_relative_intensity"),
    MEAN_GREEN_RELATIVE_INTENSITY("Mean Green Relative Intensity", "mean_green_relative_intensity"),
    MEAN_BLUE_RELATIVE_INTENSITY("Mean Blue Relative Intensity", "mean_blue_relative_intensity");

    private final String displayName;
    private final String key;

    BuiltinProperty(String displayName, String key) {
        this.displayName = displayName;
        this.key = key;
    }

    /** The reference check's name, for example "RMS Contrast". */
    public String displayName() { return displayName; }

    /** Snake-case key, for example "rms_contrast" (event JSON and metric labels). */
    public String key() { return key; }

    public static List<String> displayNames() {
        return java.util.Arrays.stream(values()).map(BuiltinProperty::displayName).toList();
    }
}
