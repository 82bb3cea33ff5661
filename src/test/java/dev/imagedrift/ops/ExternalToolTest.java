package dev.imagedrift.ops;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing tool fails the test with the install hint; it never skips it. */
class ExternalToolTest {
    @Test
    void missingToolFailsWithTheInstallHint() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.require("imagedrift-no-such-tool", "Install it with apt-get."));
        assertTrue(e.getMessage().startsWith("imagedrift-no-such-tool is not on PATH"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Install it with apt-get."), e.getMessage());
    }

    @Test
    void inputReachesTheToolsStandardInput() {
        ExternalTool sh = ExternalTool.require("sh", "sh is part of every Debian system.");
        String output = sh.runWithInput(ProjectFiles.root(), "line one\nline two\n", "-c", "wc -l")
                .requireSuccess();
        assertEquals("2", output.trim());
    }

    @Test
    void failedRunQuotesCommandAndOutput() {
        ExternalTool sh = ExternalTool.require("sh", "sh is part of every Debian system.");
        ExternalTool.Result result = sh.run(ProjectFiles.root(), "-c", "echo broken; exit 3");
        assertEquals(3, result.exitCode());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, result::requireSuccess);
        assertTrue(e.getMessage().contains("exited with 3") && e.getMessage().contains("broken"), e.getMessage());
    }
}
