package com.smsbat.chathub.sandbox;

/** The endpoints a {@link ChatHubSandbox} serves, for counting calls and injecting faults. */
public enum SandboxEndpoint {
    /** {@code POST /api/company/get-token} */
    COMPANY_TOKEN("POST", "/api/company/get-token"),
    /** {@code GET /api/company/organization} */
    ORGANIZATIONS("GET", "/api/company/organization"),
    /** {@code GET /api/operator?organizationId=…} */
    OPERATORS("GET", "/api/operator"),
    /** {@code POST /api/operator/get-token} */
    OPERATOR_TOKEN("POST", "/api/operator/get-token"),
    /** {@code POST /api/operator/validate-token} */
    VALIDATE_TOKEN("POST", "/api/operator/validate-token"),
    /** {@code POST /api/operator/synchronize} */
    SYNCHRONIZE("POST", "/api/operator/synchronize"),
    /** {@code POST /api/operator/status} */
    STATUS("POST", "/api/operator/status"),
    /** {@code GET /widget/operator-chat-panel/widget-script.js} */
    WIDGET_SCRIPT("GET", "/widget/operator-chat-panel/widget-script.js");

    private final String method;
    private final String path;

    SandboxEndpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    static SandboxEndpoint ofPath(String path) {
        for (SandboxEndpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        return null;
    }
}
