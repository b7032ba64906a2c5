package dev.kdi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DemoControllersTest {

    @Test
    void aFailingStep_isLoggedWithWhatItWasDoing_notDroppedByTheScheduler() {
        Logger log = Logger.getLogger(DemoControllers.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
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
        Level was = log.getLevel();
        boolean parents = log.getUseParentHandlers();
        log.setLevel(Level.ALL);
        log.setUseParentHandlers(false);
        log.addHandler(capture);
        try {
            IllegalStateException boom = new IllegalStateException("the API server went away");
            DemoControllers.logged("replacing DNS pod coredns-x", () -> {
                throw boom;
            }).run();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).isEqualTo("demo controllers: replacing DNS pod coredns-x failed");
                assertThat(r.getThrown()).isSameAs(boom);
            });
        } finally {
            log.removeHandler(capture);
            log.setUseParentHandlers(parents);
            log.setLevel(was);
        }
    }
}
