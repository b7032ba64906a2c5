package dev.kdi.ui;

/** The window against the fake session of the seed and the broken shop. */
class FakeMainWindowTest extends MainWindowContract {
    @Override
    protected WindowFixture fixture() {
        return new FakeWindowFixture();
    }
}
