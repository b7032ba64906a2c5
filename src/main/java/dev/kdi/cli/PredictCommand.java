package dev.kdi.cli;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.RrType;
import dev.kdi.session.Inspection;
import dev.kdi.session.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kdi predict}: what the cluster DNS should answer. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the cluster DNS's answer to a question, exactly as CoreDNS would give it: status, "
                + "answer and additional sections, TTLs.",
            "Names are absolute, as in dig (a trailing dot is optional)."})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The name to ask about.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", converter = RecordTypeConverter.class,
            description = "The record type (default A).")
    RrType type;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Questions to answer, one 'NAME [TYPE]' per line (TYPE defaults to A), or - for standard input.")
    String queries;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = InputOptions.NAMESPACE_WITH_FILES + " Live: namespaces to read one by one when listing "
                    + "across all namespaces is forbidden; the question is answered for the whole cluster.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--as-pod", paramLabel = "NS/POD",
            description = "Answer each query as that pod sends it: CoreDNS sees the pod's address, not kdi's port-forward's "
                    + "127.0.0.1, so acl judges that address and autopath applies the pod's search list.")
    String asPod;

    @Option(names = "--explain", description = "Add ';' lines saying which objects and rules produced each answer.")
    boolean explain;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    PredictCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        List<Question> questions = questions();
        List<Answer> answers = new ArrayList<>(questions.size());
        List<String> notes;
        Json json;
        try (Session session = CliSessions.open(terminal.sessions(), input, root.global, namespaces, terminal)) {
            Inspection at = session.current();
            DnsModel model = at.model();
            notes = model.corefileNotes();
            json = new Json(model.snapshot().provisional());
            Pod pod = asPod == null ? null : pod(at);
            for (Question q : questions) {
                answers.add(pod == null ? model.answer(q) : at.answerFromPod(pod, q));
            }
        }
        if (format == OutputFormat.JSON) {
            List<Object> list = new ArrayList<>();
            for (Answer a : answers) {
                list.add(json.answer(a));
            }
            terminal.out().println(json.write(list));
            return input.exit(ExitCodes.OK);
        }
        if (explain) {
            notes.forEach(n -> terminal.out().println("; NOTE " + n));
        }
        boolean first = true;
        for (Answer a : answers) {
            if (!first) {
                terminal.out().println();
            }
            first = false;
            RecordText.block(terminal.out(), a, explain);
        }
        return input.exit(ExitCodes.OK);
    }

    private Pod pod(Inspection at) throws UserError {
        int slash = asPod.indexOf('/');
        if (slash <= 0 || slash == asPod.length() - 1) {
            throw new UserError("kdi predict: --as-pod takes NAMESPACE/POD, not \"" + asPod + "\"");
        }
        Pod pod = at.pod(asPod.substring(0, slash), asPod.substring(slash + 1))
                .orElseThrow(() -> new UserError("kdi predict: no pod " + asPod + " in the input"));
        if (pod.ips().isEmpty()) {
            throw new UserError("kdi predict: pod " + asPod + " has no address yet (status.podIPs), so CoreDNS cannot see "
                    + "its queries as its own");
        }
        return pod;
    }

    private List<Question> questions() throws UserError {
        if (queries != null && name != null) {
            throw new UserError("kdi predict: give either NAME [TYPE] or --queries FILE, not both");
        }
        if (queries == null) {
            if (name == null) {
                throw new UserError("kdi predict: give a NAME to ask about, or --queries FILE");
            }
            return List.of(new Question(name, type == null ? RrType.A : type));
        }
        String label = queries.equals("-") ? "<stdin>" : queries;
        try (Reader r = queries.equals("-") ? new InputStreamReader(terminal.in(), StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(queries), StandardCharsets.UTF_8)) {
            return QueryFile.parse(new BufferedReader(r), label);
        } catch (NoSuchFileException e) {
            throw new UserError(label + ": no such file");
        } catch (IOException e) {
            throw new UserError(label + ": cannot read: " + e.getMessage());
        }
    }
}
