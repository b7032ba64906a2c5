package dev.kdi.manifests;

import dev.kdi.records.diff.NameReference;
import dev.kdi.records.objects.ObjectRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of an object that may name a cluster's DNS names: its containers' env values, args
 * and commands, and a ConfigMap's values. {@code kdi diff} looks in them for names a change
 * removes (a heuristic, see {@link dev.kdi.records.diff.Referrers}).
 */
final class NameTexts {
    private NameTexts() {
    }

    /** @param namespace the object's namespace as resolved (the default when it names none) */
    static List<NameReference> of(HasMetadata object, String namespace) {
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        if (name == null) {
            return List.of();
        }
        ObjectRef ref = new ObjectRef(object.getKind() == null ? object.getClass().getSimpleName() : object.getKind(),
                namespace, name);
        List<NameReference> out = new ArrayList<>();
        if (object instanceof ConfigMap c) {
            if (c.getData() != null) {
                for (Map.Entry<String, String> e : c.getData().entrySet()) {
                    if (mayName(e.getValue())) {
                        out.add(new NameReference(ref, "data." + e.getKey(), e.getValue()));
                    }
                }
            }
        } else if (object instanceof io.fabric8.kubernetes.api.model.Pod p) {
            podSpec(ref, "spec", p.getSpec(), out);
        } else if (object instanceof Deployment d && d.getSpec() != null) {
            template(ref, "spec.template.spec", d.getSpec().getTemplate(), out);
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            template(ref, "spec.template.spec", s.getSpec().getTemplate(), out);
        } else if (object instanceof DaemonSet d && d.getSpec() != null) {
            template(ref, "spec.template.spec", d.getSpec().getTemplate(), out);
        } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
            template(ref, "spec.template.spec", r.getSpec().getTemplate(), out);
        } else if (object instanceof Job j && j.getSpec() != null) {
            template(ref, "spec.template.spec", j.getSpec().getTemplate(), out);
        } else if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            template(ref, "spec.jobTemplate.spec.template.spec", c.getSpec().getJobTemplate().getSpec().getTemplate(), out);
        }
        return out;
    }

    private static void template(ObjectRef ref, String path, PodTemplateSpec template, List<NameReference> out) {
        if (template != null) {
            podSpec(ref, path, template.getSpec(), out);
        }
    }

    private static void podSpec(ObjectRef ref, String path, PodSpec spec, List<NameReference> out) {
        if (spec == null) {
            return;
        }
        containers(ref, path + ".initContainers", spec.getInitContainers(), out);
        containers(ref, path + ".containers", spec.getContainers(), out);
    }

    private static void containers(ObjectRef ref, String path, List<Container> containers, List<NameReference> out) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String at = path + "[" + i + "]";
            strings(ref, at + ".command", c.getCommand(), out);
            strings(ref, at + ".args", c.getArgs(), out);
            List<EnvVar> env = c.getEnv();
            if (env != null) {
                for (int e = 0; e < env.size(); e++) {
                    if (env.get(e) != null && mayName(env.get(e).getValue())) {
                        out.add(new NameReference(ref, at + ".env[" + e + "].value", env.get(e).getValue()));
                    }
                }
            }
        }
    }

    private static void strings(ObjectRef ref, String path, List<String> values, List<NameReference> out) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (mayName(values.get(i))) {
                out.add(new NameReference(ref, path + "[" + i + "]", values.get(i)));
            }
        }
    }

    /** Only a text with a dot can hold an FQDN or a {@code svc.ns} form; the rest is not kept. */
    private static boolean mayName(String text) {
        return text != null && text.indexOf('.') >= 0;
    }
}
