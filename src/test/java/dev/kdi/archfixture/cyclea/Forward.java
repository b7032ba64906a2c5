package dev.kdi.archfixture.cyclea;

import dev.kdi.archfixture.cycleb.Backward;

/** With {@link Backward}, breaks "no package cycles". */
public final class Forward {
    public Backward next() {
        return new Backward();
    }
}
