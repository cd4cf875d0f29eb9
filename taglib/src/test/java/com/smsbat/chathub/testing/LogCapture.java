package com.smsbat.chathub.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the library writes to a {@code java.util.logging} logger while it is open: the lines an administrator
 * reads, for tests that check what they say and how often.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName, Level level) {
        logger = Logger.getLogger(loggerName);
        previousLevel = logger.getLevel();
        logger.setLevel(level);
        handler.setLevel(level);
        logger.addHandler(handler);
    }

    /** Captures {@code loggerName} from {@code level} up. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    /** Everything logged so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The messages logged at exactly {@code level} that contain {@code text}. */
    public List<String> messages(Level level, String text) {
        return records.stream()
                .filter(record -> record.getLevel().equals(level) && record.getMessage().contains(text))
                .map(LogRecord::getMessage)
                .toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
