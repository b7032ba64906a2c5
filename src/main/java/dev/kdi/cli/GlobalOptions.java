package dev.kdi.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options that apply to every command and may come before or after the subcommand; declared once
 * on the root command and inherited.
 */
final class GlobalOptions {
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show library logs and stack traces on standard error.")
    boolean debug;

    @Option(names = "--cluster-domain", scope = ScopeType.INHERIT, paramLabel = "DOMAIN",
            description = "The cluster domain, overriding the Corefile's zone (e.g. cluster.local).")
    String clusterDomain;

    @Option(names = "--dns-service", scope = ScopeType.INHERIT, paramLabel = "NS/NAME",
            description = "The cluster DNS Service to ask and whose pods' Corefile to follow, instead of the one "
                    + "detected (kube-system/kube-dns, openshift-dns/dns-default, ...).")
    String dnsService;

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The kubeconfig to read (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The kubeconfig context (default: its current context).")
    String context;

    @Option(names = "--demo", scope = ScopeType.INHERIT,
            description = "Use the embedded demo cluster instead of a real one.")
    boolean demo;
}
