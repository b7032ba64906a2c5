/**
 * The embedded demo cluster: fabric8's mock API server in CRUD mode, plus an emulation of the
 * kubelet's port-forward so the real client code paths run without a cluster. Also the fixture
 * integration tests use, with fault injection for the port-forward stream.
 *
 * <p>May depend on fabric8's mock server, dnsjava, {@code records}, {@code manifests} (to serve
 * the seed manifests), {@code cluster} (the loader and the port-forward targets) and {@code dns};
 * never on {@code session} or the faces. Binds only to the loopback address.
 */
package dev.kdi.demo;
