package dev.kdi.ui.archfixture;

import dev.kdi.cluster.LoadReport;

/** Breaks "the window only through session": a view model reading the loader's report itself. */
public final class WindowReadingLoadReport {
    public boolean complete(LoadReport report) {
        return report.isComplete();
    }
}
