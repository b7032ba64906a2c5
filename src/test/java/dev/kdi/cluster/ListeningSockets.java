package dev.kdi.cluster;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The listening sockets this JVM owns, read from Linux's {@code /proc}: TCP over IPv4 and IPv6 and
 * Unix domain sockets, as {@code "tcp 127.0.0.1:40045"}, {@code "tcp6 [::]:8080"} or {@code "unix ..."}.
 */
public final class ListeningSockets {

    private static final String TCP_LISTEN = "0A";
    private static final int UNIX_ACCEPTING = 0x10000;

    private ListeningSockets() {
    }

    /** True when this system exposes what {@link #ofThisProcess()} reads. */
    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/self/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    public static Set<String> ofThisProcess() throws IOException {
        Set<String> inodes = socketInodesOfThisProcess();
        Set<String> listening = new TreeSet<>();
        tcp("/proc/self/net/tcp", "tcp", inodes, listening);
        tcp("/proc/self/net/tcp6", "tcp6", inodes, listening);
        unix(inodes, listening);
        return listening;
    }

    /** True when this process listens on {@code port} and only at 127.0.0.1. */
    public static boolean listensOnLoopbackOnly(int port) throws IOException {
        Set<String> mine = ofThisProcess();
        List<String> onPort = mine.stream().filter(s -> s.startsWith("tcp") && s.endsWith(":" + port)).toList();
        return !onPort.isEmpty() && onPort.stream().allMatch(s -> s.equals("tcp 127.0.0.1:" + port));
    }

    private static Set<String> socketInodesOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // The descriptor closed while we looked; it is not a listener we care about.
                }
            }
        }
        return inodes;
    }

    private static void tcp(String table, String family, Set<String> inodes, Set<String> out) throws IOException {
        Path path = Path.of(table);
        if (!Files.isReadable(path)) {
            return;
        }
        List<String> lines = Files.readAllLines(path);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals(TCP_LISTEN) && inodes.contains(f[9])) {
                String address = address(f[1]);
                // A dual-stack socket bound to an IPv4-mapped address listens on IPv4 only.
                out.add((address.startsWith("[") ? family : "tcp") + " " + address);
            }
        }
    }

    private static void unix(Set<String> inodes, Set<String> out) throws IOException {
        Path path = Path.of("/proc/self/net/unix");
        if (!Files.isReadable(path)) {
            return;
        }
        List<String> lines = Files.readAllLines(path);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 6 && (Integer.parseInt(f[3], 16) & UNIX_ACCEPTING) != 0 && inodes.contains(f[6])) {
                out.add("unix " + (f.length > 7 ? f[7] : "(unnamed) inode " + f[6]));
            }
        }
    }

    /**
     * {@code 0100007F:9C5D} → {@code 127.0.0.1:40029}. The kernel prints each 32-bit word of the address
     * in host (little-endian) order. An IPv4-mapped IPv6 address, which is what Java's dual-stack sockets
     * bind for 127.0.0.1, is shown as the IPv4 address it stands for.
     */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        byte[] raw = new byte[parts[0].length() / 2];
        for (int word = 0; word < raw.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                raw[word * 4 + b] = (byte) Integer.parseInt(parts[0].substring(at, at + 2), 16);
            }
        }
        try {
            InetAddress address = InetAddress.getByAddress(raw);
            String text = address.getHostAddress();
            return (address instanceof Inet6Address ? "[" + text + "]" : text) + ":" + port;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel printed an address of " + raw.length + " bytes", e);
        }
    }
}
