package dev.kdi.ui;

/** The window against the embedded demo cluster: the same behaviour through the real code paths. */
class DemoMainWindowTest extends MainWindowContract {
    @Override
    protected WindowFixture fixture() {
        return new DemoWindowFixture();
    }
}
