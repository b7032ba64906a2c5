package dev.kdi;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Keeps library logs (fabric8, Vert.x, Netty, the mock server) off the terminal unless the user
 * asks for {@code --debug}: standard output carries only results.
 *
 * <p>Must run before any library creates a logger, because slf4j-simple reads its settings once.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(boolean debug) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // Vert.x would otherwise pick java.util.logging and print to stderr.
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        LogManager.getLogManager().reset();
        SLF4JBridgeHandler.install();
        Logger.getLogger("").setLevel(debug ? Level.FINE : Level.OFF);
    }
}
