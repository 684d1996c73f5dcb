package dev.wsnio.examples.demo;

import dev.wsnio.UpgradeRequest;
import dev.wsnio.server.UpgradeDecision;
import dev.wsnio.server.UpgradeHook;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admits a dashboard connection only with a user id in the URL ({@code /ws?uid=ttq123}, as in
 * the notes) and attaches the id to the connection; a missing or malformed id is answered
 * {@code 400} before any WebSocket frame.
 */
final class UserIdHook implements UpgradeHook {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    @Override
    public UpgradeDecision decide(UpgradeRequest request) {
        Optional<String> uid = request.queryParameter("uid");
        if (uid.isEmpty()) {
            return UpgradeDecision.reject(400, "uid required: connect to /ws?uid=YOUR_ID");
        }
        if (!USER_ID.matcher(uid.get()).matches()) {
            return UpgradeDecision.reject(400, "uid must be 1 to 64 letters, digits or _.@-");
        }
        return UpgradeDecision.accept(uid.get());
    }
}
