package dev.kdi.records.diff;

import dev.kdi.records.Answer;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Unassigned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answers written so that two models can be compared although addresses not assigned yet stand
 * in as placeholders.
 *
 * <p>A placeholder is a hash of the object it stands in for, so the same object has the same
 * placeholder on both sides; but which object an address belongs to is what matters, not the
 * address, and a hash collision shifts an address differently when the two sides hold different
 * objects. So every placeholder is written as what it stands for, {@code [cluster IP of Service
 * shop/web]}, wherever it occurs: as an address, as the dashed first label of an endpoint or pod
 * name, and as a reverse name. Two answers that differ only in placeholders for the same objects
 * are then equal, and a real address replaced by one not assigned yet (or the other way round)
 * is still a change. Real addresses are written as they are.
 */
public final class NeutralForm {
    private final Map<String, String> byAddress = new HashMap<>();
    private final Map<String, String> byLabel = new HashMap<>();
    private final Map<String, String> byReverseName = new HashMap<>();
    private final Map<String, String> reverseNameByToken = new HashMap<>();
    private final Map<String, String> labelByToken = new HashMap<>();

    /** The form for one side's provisional input ({@link Provisional#NONE} writes everything as is). */
    public NeutralForm(Provisional provisional) {
        for (Map.Entry<String, Unassigned> e : provisional.placeholders().entrySet()) {
            String address = e.getKey();
            Optional<IpAddress> ip = IpAddress.parse(address);
            if (ip.isEmpty()) {
                continue;
            }
            String token = "[" + e.getValue().text() + (ip.get().isIPv4() ? "" : ", IPv6") + "]";
            String reverse = ip.get().reverseName().toLowerCase(Locale.ROOT);
            String label = Provisional.dashed(address).toLowerCase(Locale.ROOT);
            byAddress.put(address, token);
            byLabel.put(label, token);
            byReverseName.put(reverse, token);
            reverseNameByToken.put(token, reverse);
            labelByToken.put(token, label);
        }
    }

    /** An address, or what the placeholder stands for. */
    public String address(String address) {
        if (byAddress.isEmpty()) {
            return address;
        }
        String token = byAddress.get(address);
        if (token == null) {
            String canonical = IpAddress.canonical(address);
            token = canonical == null ? null : byAddress.get(canonical);
        }
        return token == null ? address : token;
    }

    /**
     * A name in lower case, with a placeholder reverse name or dashed first label written as what
     * it stands for: {@code [pod IP of Pod shop/web-0].web.shop.svc.cluster.local.}.
     */
    public String name(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (byAddress.isEmpty()) {
            return lower;
        }
        String token = byReverseName.get(lower);
        if (token != null) {
            return token + (lower.endsWith(".ip6.arpa.") ? ".ip6.arpa." : ".in-addr.arpa.");
        }
        int dot = lower.indexOf('.');
        if (dot > 0) {
            token = byLabel.get(lower.substring(0, dot));
            if (token != null) {
                return token + lower.substring(dot);
            }
        }
        return lower;
    }

    /**
     * The name this side asks for a name written by {@link #name} on either side: the placeholder
     * of the same object when this side has one; empty when the name holds a placeholder this side
     * does not have.
     */
    public Optional<String> concrete(String neutralName) {
        if (!neutralName.startsWith("[")) {
            return Optional.of(neutralName);
        }
        int close = neutralName.indexOf("].");
        if (close < 0) {
            return Optional.empty();
        }
        String token = neutralName.substring(0, close + 1);
        String rest = neutralName.substring(close + 1);
        if (rest.equals(".in-addr.arpa.") || rest.equals(".ip6.arpa.")) {
            return Optional.ofNullable(reverseNameByToken.get(token));
        }
        return Optional.ofNullable(labelByToken.get(token)).map(label -> label + rest);
    }

    /** The record in zone-file form with every placeholder written as what it stands for. */
    public String record(ResourceRecord r) {
        return name(r.owner()) + " " + r.ttl() + " " + r.type().mnemonic() + " " + data(r.data());
    }

    /** The record's data with every placeholder written as what it stands for. */
    public String data(Rdata d) {
        if (d instanceof Rdata.A a) {
            return address(a.address());
        } else if (d instanceof Rdata.Aaaa a) {
            return address(a.address());
        } else if (d instanceof Rdata.Cname c) {
            return name(c.target());
        } else if (d instanceof Rdata.Ptr p) {
            return name(p.target());
        } else if (d instanceof Rdata.Ns n) {
            return name(n.target());
        } else if (d instanceof Rdata.Srv s) {
            return s.priority() + " " + s.weight() + " " + s.port() + " " + name(s.target());
        }
        return d.text();
    }

    /**
     * What is compared of an answer: its status and both sections in neutral form, in a fixed
     * order (CoreDNS's order within a section carries no meaning). The explanation and what is
     * unassigned are left out: they follow from the rest.
     */
    public Form form(Answer a) {
        return new Form(a.status(), sorted(a.answer()), sorted(a.additional()));
    }

    private List<String> sorted(List<ResourceRecord> records) {
        List<String> out = new ArrayList<>(records.size());
        for (ResourceRecord r : records) {
            out.add(record(r));
        }
        out.sort(null);
        return out;
    }

    /**
     * An answer as the diff compares it.
     *
     * @param status the status
     * @param answer the answer section, neutral and sorted
     * @param additional the additional section, neutral and sorted
     */
    public record Form(Status status, List<String> answer, List<String> additional) {
        public Form {
            answer = List.copyOf(answer);
            additional = List.copyOf(additional);
        }

        /** Whether the name answers with records: NOERROR with a non-empty answer. */
        public boolean exists() {
            return status == Status.NOERROR && !answer.isEmpty();
        }
    }
}
