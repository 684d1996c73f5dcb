package dev.wsnio.conformance.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checks that the interop peers are installed. A missing peer FAILS the test (it is never
 * skipped): install them with {@code conformance/peers/install.sh}.
 */
final class Peers {

    /** Where the peers' scripts are: {@code conformance/peers}. */
    static final Path PEERS = Path.of(System.getProperty("conformance.basedir", ".")).resolve("peers");

    /** Debian's Python, which has the python3-websockets package (not a pyenv or venv one). */
    static final String PYTHON = "/usr/bin/python3";

    private Peers() {
    }

    static void requireNode() {
        requireCommand("node", "--version");
        if (!Files.exists(PEERS.resolve("node/node_modules/ws/package.json"))) {
            throw new AssertionError("Node's ws is not installed in " + PEERS.resolve("node")
                    + ": run conformance/peers/install.sh");
        }
    }

    static void requirePython() {
        requireCommand(PYTHON, "-c", "import websockets");
    }

    static void requireChromium() {
        requireCommand("chromium", "--version");
    }

    private static void requireCommand(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " failed: run conformance/peers/install.sh");
            }
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: run conformance/peers/install.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The directory of a peer's scripts. */
    static Path dir(String name) {
        return PEERS.resolve(name);
    }
}
