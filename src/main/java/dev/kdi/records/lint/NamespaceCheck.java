package dev.kdi.records.lint;

import java.util.List;

/** Checks that look inside one namespace at a time; they run in a fixed order. */
interface NamespaceCheck {
    void check(NamespaceView ns, ClusterFacts facts, List<Finding> out);
}
