package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.internal.resolution.LogText;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail administrators read to answer "who had which operator's panel": one INFO line the first time a
 * session is handed a given operator's token, on the logger {@code com.smsbat.chathub.audit} (docs/security.md
 * names it; turning it off is setting its level). It names the user, organization, operator, resolver, client
 * address and the first 64 bits of the session id's SHA-256 — never the id or the token.
 */
final class AuditTrail {

    private static final Logger AUDIT = Logger.getLogger("com.smsbat.chathub.audit");
    /** Session attribute prefix, per operator; holds the user the line was written for. */
    private static final String AUDITED = AuditTrail.class.getName() + ".audited:";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditTrail() {
    }

    /**
     * Writes the line unless this session was already handed this operator's token for this user. Without a
     * session there is nothing to remember it in: every such request gets its line (the session hash is {@code -}).
     */
    static void tokenHandedOut(HttpServletRequest request, String user, OperatorAssignment assignment, String resolver) {
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        HttpSession session = request.getSession(false);
        String sessionHash = "-";
        if (session != null) {
            String attribute = AUDITED + assignment.organizationId() + ":" + assignment.operatorId();
            try {
                // Every request of a session gets the same session object: two first requests write one line.
                synchronized (session) {
                    if (user.equals(session.getAttribute(attribute))) {
                        return;
                    }
                    session.setAttribute(attribute, user);
                }
                sessionHash = hash(session.getId());
            } catch (IllegalStateException invalidatedMeanwhile) {
                // Audited as a request without a session: the line is written, the page is not broken.
            }
        }
        AUDIT.info("ChatHub operator token handed out: user \"" + LogText.escape(user) + "\", organization "
                + assignment.organizationId() + ", operator " + assignment.operatorId() + ", resolver " + resolver
                + ", client " + LogText.escape(request.getRemoteAddr()) + ", session " + sessionHash);
    }

    /** The first 64 bits of the session id's SHA-256: ties a line to its session without revealing the id. */
    private static String hash(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
