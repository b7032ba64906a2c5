package dev.kdi.records.objects;

/**
 * A Service port's {@code targetPort}: a number, or the name of a container port.
 *
 * @param number the port number, or 0 when {@code name} is used
 * @param name the container port name, or null when {@code number} is used
 */
public record TargetPort(int number, String name) {

    public static TargetPort number(int number) {
        return new TargetPort(number, null);
    }

    public static TargetPort named(String name) {
        return new TargetPort(0, name);
    }

    public boolean isNamed() {
        return name != null;
    }

    @Override
    public String toString() {
        return isNamed() ? name : Integer.toString(number);
    }
}
