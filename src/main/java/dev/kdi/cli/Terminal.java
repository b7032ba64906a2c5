package dev.kdi.cli;

import dev.kdi.cluster.ExecPlugins;
import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The process's standard streams and environment, injected into commands. */
record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {

    /** Sessions as this environment sees them: its KUBECONFIG, its HOME, its PATH for exec plugins. */
    Sessions sessions() {
        Path home = ExecPlugins.homeOf(env);
        if (env == System.getenv()) {
            return Sessions.forThisUser();
        }
        return new Sessions(env, home, new ExecPlugins(env, home, java.util.Optional::empty), Clock.systemUTC());
    }
}
