package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/errors.md lists every protocol error with the close code it answers with. */
class ErrorDocsTest {

    @Test
    void everyProtocolErrorIsListedWithItsCloseCode() throws IOException {
        String docs = Files.readString(Path.of("../docs/errors.md"));
        for (ProtocolError error : ProtocolError.values()) {
            String row = "| `" + error.name() + "` | " + error.closeCode() + " |";
            assertTrue(docs.contains(row), () -> "docs/errors.md lacks the row " + row);
        }
    }
}
