package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.SPEC;
import static dev.kdi.manifests.Fields.nonNull;
import static dev.kdi.manifests.Fields.quote;
import static dev.kdi.manifests.Fields.require;

import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The workloads that make pods: their selector and the pod template DNS depends on. */
final class WorkloadConverter {
    /** The API server leaves room in a CronJob's name for the 11 characters its Jobs' names add. */
    static final int CRON_JOB_NAME_MAX = 52;

    private final Interner interner;
    private final PodSpecFields specFields;

    WorkloadConverter(Interner interner, PodSpecFields specFields) {
        this.interner = interner;
        this.specFields = specFields;
    }

    /** A StatefulSet: {@code serviceName} governs its pods' DNS names. */
    Workload convert(StatefulSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        Workload w = appsWorkload(Kinds.STATEFUL_SET, set, spec.getSelector(), spec.getTemplate(),
                spec.getServiceName(), spec.getReplicas() == null ? 1 : spec.getReplicas());
        Integer start = spec.getOrdinals() == null ? null : spec.getOrdinals().getStart();
        if (start != null && start < 0) {
            throw InvalidObjectException.invalid(SPEC.field("ordinals").field("start"), start + " is negative");
        }
        // The first pod's ordinal: offline prediction names the pods from it.
        return start == null ? w : new Workload(w.kind(), w.namespace(), w.name(), w.selector(), w.template(),
                w.serviceName(), w.replicas(), start, false, -1);
    }

    Workload convert(Deployment deployment) throws InvalidObjectException {
        var spec = require(deployment.getSpec(), SPEC);
        return appsWorkload(Kinds.DEPLOYMENT, deployment, spec.getSelector(), spec.getTemplate(), null,
                spec.getReplicas() == null ? 1 : spec.getReplicas());
    }

    Workload convert(ReplicaSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        return appsWorkload(Kinds.REPLICA_SET, set, spec.getSelector(), spec.getTemplate(), null,
                spec.getReplicas() == null ? 1 : spec.getReplicas());
    }

    Workload convert(DaemonSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        return appsWorkload(Kinds.DAEMON_SET, set, spec.getSelector(), spec.getTemplate(), null, -1);
    }

    Workload convert(Job job) throws InvalidObjectException {
        return jobWorkload(Kinds.JOB, job, require(job.getSpec(), SPEC), SPEC);
    }

    /** A CronJob, described by the pod template of its job template. */
    Workload convert(CronJob cronJob) throws InvalidObjectException {
        var spec = require(cronJob.getSpec(), SPEC);
        FieldPath jobTemplate = SPEC.field("jobTemplate");
        var template = require(spec.getJobTemplate(), jobTemplate);
        return jobWorkload(Kinds.CRON_JOB, cronJob, require(template.getSpec(), jobTemplate.field("spec")),
                jobTemplate.field("spec"));
    }

    private Workload jobWorkload(String kind, HasMetadata object, JobSpec spec, FieldPath specPath)
            throws InvalidObjectException {
        String namespace = Fields.namespaceOf(object);
        String name = Fields.subdomainName(object);
        if (kind.equals(Kinds.CRON_JOB) && name.length() > CRON_JOB_NAME_MAX) {
            throw InvalidObjectException.invalid(Fields.NAME, quote(name) + " is not a valid CronJob name (at most "
                    + CRON_JOB_NAME_MAX + " characters: its Jobs' names add 11)");
        }
        LabelSelector selector = labelSelector(spec.getSelector(), specPath.field("selector"));
        PodTemplate template = podTemplate(require(spec.getTemplate(), specPath.field("template")), specPath.field("template"));
        return new Workload(kind, interner.string(namespace), name, selector, template, null,
                spec.getParallelism() == null ? -1 : spec.getParallelism(), 0,
                "Indexed".equals(spec.getCompletionMode()), spec.getCompletions() == null ? -1 : spec.getCompletions());
    }

    private Workload appsWorkload(String kind, HasMetadata object, io.fabric8.kubernetes.api.model.LabelSelector writtenSelector,
            PodTemplateSpec writtenTemplate, String serviceName, int replicas) throws InvalidObjectException {
        String namespace = Fields.namespaceOf(object);
        // A StatefulSet's pods take its name and ordinal as their hostname, so the API server
        // wants a label there (it took a subdomain once, which could not make pods).
        String name = kind.equals(Kinds.STATEFUL_SET)
                ? Fields.name(object, NameRule.DNS1123_LABEL, "a valid StatefulSet name")
                : Fields.subdomainName(object);
        LabelSelector selector = labelSelector(writtenSelector, SPEC.field("selector"));
        if (selector.isEmpty()) {
            throw InvalidObjectException.missing(SPEC.field("selector"));
        }
        FieldPath templatePath = SPEC.field("template");
        PodTemplate template = podTemplate(require(writtenTemplate, templatePath), templatePath);
        if (!selector.matches(template.labels())) {
            throw InvalidObjectException.invalid(templatePath.field("metadata").field("labels"),
                    template.labels() + " do not match spec.selector");
        }
        return new Workload(kind, interner.string(namespace), name, selector, template,
                serviceName == null || serviceName.isEmpty() ? null : interner.string(serviceName), replicas);
    }

    private PodTemplate podTemplate(PodTemplateSpec written, FieldPath path) throws InvalidObjectException {
        PodSpec spec = require(written.getSpec(), path.field("spec"));
        FieldPath specPath = path.field("spec");
        return interner.value(new PodTemplate(
                Fields.labels(interner, written.getMetadata()),
                interner.string(Fields.optionalLabel(spec.getHostname(), specPath.field("hostname"), "hostname")),
                interner.string(Fields.optionalLabel(spec.getSubdomain(), specPath.field("subdomain"), "subdomain")),
                specFields.podDns(spec, specPath),
                specFields.containerPorts(spec, specPath)));
    }

    private LabelSelector labelSelector(io.fabric8.kubernetes.api.model.LabelSelector written, FieldPath path)
            throws InvalidObjectException {
        if (written == null) {
            return interner.value(LabelSelector.of(Map.of()));
        }
        List<LabelSelectorRequirement> writtenExpressions = nonNull(written.getMatchExpressions());
        List<LabelSelector.Requirement> expressions = new ArrayList<>(writtenExpressions.size());
        for (int i = 0; i < writtenExpressions.size(); i++) {
            expressions.add(requirement(writtenExpressions.get(i), path.field("matchExpressions").index(i)));
        }
        return interner.value(new LabelSelector(interner.labels(written.getMatchLabels()), interner.list(expressions)));
    }

    private LabelSelector.Requirement requirement(LabelSelectorRequirement r, FieldPath at) throws InvalidObjectException {
        if (r == null || r.getKey() == null || r.getKey().isEmpty()) {
            throw InvalidObjectException.missing(at.field("key"));
        }
        String op = r.getOperator();
        LabelSelector.Operator operator = switch (op == null ? "" : op) {
            case "In" -> LabelSelector.Operator.IN;
            case "NotIn" -> LabelSelector.Operator.NOT_IN;
            case "Exists" -> LabelSelector.Operator.EXISTS;
            case "DoesNotExist" -> LabelSelector.Operator.DOES_NOT_EXIST;
            default -> throw op == null
                    ? InvalidObjectException.missing(at.field("operator"))
                    : InvalidObjectException.invalid(at.field("operator"),
                            quote(op) + " is not one of In, NotIn, Exists, DoesNotExist");
        };
        List<String> values = new ArrayList<>();
        for (String v : nonNull(r.getValues())) {
            values.add(interner.string(v));
        }
        boolean needsValues = operator == LabelSelector.Operator.IN || operator == LabelSelector.Operator.NOT_IN;
        if (needsValues && values.isEmpty()) {
            throw InvalidObjectException.invalid(at.field("values"), "is empty (operator " + op + " needs values)");
        }
        if (!needsValues && !values.isEmpty()) {
            throw InvalidObjectException.invalid(at.field("values"), "must be empty for operator " + op);
        }
        return new LabelSelector.Requirement(interner.string(r.getKey()), operator, interner.list(values));
    }
}
