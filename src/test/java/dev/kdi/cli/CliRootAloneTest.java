package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.session.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The window's and {@code --version}'s arguments are parsed by the root command alone (no
 * subcommand reflected over); every other argument list by the whole tree. Where the root alone
 * is used, the whole tree must read the arguments the same way.
 */
class CliRootAloneTest {
    private final Cli cli = new Cli(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), Map.of(),
            new Sessions(Map.of(), Path.of("/nonexistent"), new dev.kdi.cluster.ExecPlugins(Map.of(),
                    Path.of("/nonexistent"), Optional::empty), Clock.systemUTC()));

    static Stream<Arguments> rootOptionsOnly() {
        return arguments(new String[0], new String[] {"--demo"}, new String[] {"--version"}, new String[] {"-V"},
                new String[] {"--demo", "--debug", "--smoke-test"},
                new String[] {"--kubeconfig", "/tmp/kc", "--context", "prod", "--cluster-domain", "corp.internal"},
                new String[] {"--kubeconfig=/tmp/kc", "--context=prod", "--cluster-domain=corp.internal"});
    }

    static Stream<Arguments> needTheWholeTree() {
        return arguments(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--demo", "-h"},
                new String[] {"records"}, new String[] {"--demo", "check", "-n", "default"},
                new String[] {"--context", "check"}, new String[] {"--context=check"}, new String[] {"--context", "search-path"},
                new String[] {"--context"}, new String[] {"--context", "--demo"}, new String[] {"@args.txt"},
                new String[] {"--demo=true"}, new String[] {"--bogus"}, new String[] {"chekc"}, new String[] {"--"},
                new String[] {"-hV"}, new String[] {"--demo", "--", "records"});
    }

    private static Stream<Arguments> arguments(String[]... lists) {
        return Stream.of(lists).map(list -> Arguments.of((Object) list));
    }

    @ParameterizedTest
    @MethodSource("rootOptionsOnly")
    void theRootAloneReadsItsOwnOptionsAsTheWholeTreeDoes(String[] args) {
        CommandLine alone = cli.commandLineFor(args);
        assertThat(alone.getSubcommands()).isEmpty();
        ParseResult byRoot = alone.parseArgs(args);
        CommandLine whole = cli.wholeTree();
        ParseResult byTree = whole.parseArgs(args);

        assertThat(byTree.subcommand()).isNull();
        assertThat(byRoot.isVersionHelpRequested()).isEqualTo(byTree.isVersionHelpRequested());
        assertThat(describe(alone.getCommand())).isEqualTo(describe(whole.getCommand()));
    }

    @ParameterizedTest
    @MethodSource("needTheWholeTree")
    void everythingElseGetsTheWholeTree(String[] args) {
        assertThat(cli.commandLineFor(args).getSubcommands().keySet())
                .isEqualTo(cli.wholeTree().getSubcommands().keySet())
                .hasSize(KdiCommand.SUBCOMMANDS.size());
    }

    @Test
    void anOptionValueNamedLikeASubcommandIsRefusedAsTheWholeTreeRefusesIt() {
        // Why such a value goes to the whole tree: the root alone would take it as a context name.
        for (String[] args : List.of(new String[] {"--context", "check"}, new String[] {"--context=check"})) {
            assertThatThrownBy(() -> cli.wholeTree().parseArgs(args)).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("--context");
            CliRun run = CliRun.run(args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("--context");
        }
    }

    @Test
    void versionAloneIsAnsweredAsPicocliAnswersIt() {
        StringWriter picocli = new StringWriter();
        cli.wholeTree().printVersionHelp(new PrintWriter(picocli, true));
        for (String flag : List.of("--version", "-V")) {
            CliRun run = CliRun.run(flag);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("kdi ").contains("Java ").isEqualToNormalizingNewlines(picocli.toString());
            assertThat(run.err()).isEmpty();
        }
        // With anything else beside it, picocli reads the line as before.
        CliRun withDemo = CliRun.run("--demo", "--version");
        assertThat(withDemo.exit()).isZero();
        assertThat(withDemo.out()).isEqualToNormalizingNewlines(picocli.toString());
    }

    @Test
    void helpStillListsEveryCommand() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exit()).isZero();
        for (String command : List.of("records", "predict", "lint", "search-path", "contexts", "lookup", "check", "diff",
                "health", "watch")) {
            assertThat(run.out()).contains("  " + command + " ");
        }
    }

    @Test
    void theWindowShortcutTakesOnlyTheArgumentsPicocliWouldReadAsTheBareWindow() {
        for (String[] args : List.of(new String[0], new String[] {"--demo"})) {
            assertThat(WindowShortcut.applies(args)).as(String.join(" ", args)).isTrue();
            KdiCommand byPicocli = (KdiCommand) cli.wholeTree().parseArgs(args).commandSpec().userObject();
            assertThat(describe(WindowShortcut.options(args), false)).isEqualTo(describe(byPicocli));
        }
        Stream.concat(rootOptionsOnly(), needTheWholeTree()).map(a -> (String[]) a.get()[0])
                .filter(args -> !(args.length == 0 || args.length == 1 && args[0].equals("--demo")))
                .forEach(args -> assertThat(WindowShortcut.applies(args)).as(String.join(" ", args)).isFalse());
    }

    @Test
    void theWindowShortcutFailsAsTheRootCommandDoes_whenThereIsNoDisplay() {
        for (String[] args : List.of(new String[0], new String[] {"--demo"})) {
            ByteArrayOutputStream shortcutErr = new ByteArrayOutputStream();
            ByteArrayOutputStream picocliErr = new ByteArrayOutputStream();
            Map<String, String> noDisplay = Map.of("HOME", "/nonexistent");
            int byShortcut = WindowShortcut.open(args, InputStream.nullInputStream(),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(shortcutErr), noDisplay, sessions());
            int byPicocli = new Cli(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(picocliErr), noDisplay, sessions()).run(args);
            assertThat(byShortcut).isEqualTo(byPicocli).isEqualTo(2);
            assertThat(shortcutErr.toString()).isEqualTo(picocliErr.toString()).contains("no display");
        }
    }

    private static Sessions sessions() {
        return new Sessions(Map.of(), Path.of("/nonexistent"), new dev.kdi.cluster.ExecPlugins(Map.of(),
                Path.of("/nonexistent"), Optional::empty), Clock.systemUTC());
    }

    private static String describe(Object command) {
        KdiCommand k = (KdiCommand) command;
        return describe(k.global, k.smokeTest);
    }

    private static String describe(GlobalOptions global, boolean smokeTest) {
        return String.join("|", String.valueOf(global.demo), String.valueOf(global.debug),
                String.valueOf(global.kubeconfig), String.valueOf(global.context), String.valueOf(global.clusterDomain),
                String.valueOf(global.dnsService), String.valueOf(smokeTest));
    }
}
