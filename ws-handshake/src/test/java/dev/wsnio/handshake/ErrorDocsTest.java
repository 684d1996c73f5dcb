package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/errors.md lists every handshake refusal with the status it answers with. */
class ErrorDocsTest {

    private final String docs;

    ErrorDocsTest() throws IOException {
        docs = Files.readString(Path.of("../docs/errors.md"));
    }

    private void assertListed(String identifier, int status) {
        String row = "| `" + identifier + "` | " + status + " |";
        assertTrue(docs.contains(row), () -> "docs/errors.md lacks the row " + row);
    }

    @Test
    void everyRejectionReasonIsListedWithItsStatus() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertListed(reason.name(), reason.status());
        }
    }

    @Test
    void everyParseErrorIsListedWithItsStatus() {
        for (HttpParseError error : HttpParseError.values()) {
            assertListed(error.name(), error.status());
        }
    }
}
