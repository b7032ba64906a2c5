package dev.kdi.archfixture.cycleb;

import dev.kdi.archfixture.cyclea.Forward;

/** With {@link Forward}, breaks "no package cycles". */
public final class Backward {
    public Forward back() {
        return new Forward();
    }
}
