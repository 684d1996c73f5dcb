package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/errors.md names every reason a client's connection attempt can fail for. */
class ErrorDocsTest {

    @Test
    void everyConnectFailureReasonIsListed() throws IOException {
        String docs = Files.readString(Path.of("../docs/errors.md"));
        for (WebSocketConnectException.Reason reason : WebSocketConnectException.Reason.values()) {
            assertTrue(docs.contains("`" + reason.name() + "`"), () -> "docs/errors.md lacks " + reason);
        }
    }
}
