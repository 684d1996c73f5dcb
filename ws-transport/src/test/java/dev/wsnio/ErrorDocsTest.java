package dev.wsnio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/errors.md names every exception the engine reports for a connection it ends or a send it refuses. */
class ErrorDocsTest {

    @Test
    void everyEngineErrorIsListed() throws IOException {
        String docs = Files.readString(Path.of("../docs/errors.md"));
        for (Class<?> error : List.of(SendQueueFullException.class, MessageTimeoutException.class,
                HeartbeatTimeoutException.class)) {
            assertTrue(docs.contains("`" + error.getSimpleName() + "`"), () -> "docs/errors.md lacks " + error);
        }
    }
}
