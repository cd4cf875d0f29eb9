package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The logger administrators configure for the integration is the one docs/shared-server.md names: the filter's. */
class FilterLoggerTest {

    @Test
    void integrationLogsUnderTheFilterClassName() {
        assertEquals(ChatHubFilter.class.getName(), ChatHubConfig.FILTER_CLASS_NAME);
    }
}
