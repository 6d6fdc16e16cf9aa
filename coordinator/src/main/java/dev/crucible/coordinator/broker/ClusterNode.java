package dev.crucible.coordinator.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Who one Kafka node is and where it listens: node i of a KRaft cluster whose every node is both broker and
 * controller (combined mode). Immutable; {@link #config()} gives the broker properties, {@link #formatArguments()}
 * the {@code kafka-storage format} arguments for its data directory.
 *
 * <p>Two kinds of quorum. A <b>static</b> quorum ({@link #of}) names every controller up front
 * ({@code controller.quorum.voters}); its ports are fixed, as a cluster's are, and every node of the same quorum
 * derives the same cluster ID from it, so nodes started separately agree without a shared secret. A
 * <b>standalone</b> node ({@link #standalone}) is a one-node dynamic quorum ({@code --standalone}): the voter set
 * lives in the metadata log, so the embedded broker may take fresh ports on every start.
 *
 * @param nodeId         {@code node.id}, one of the quorum's voters
 * @param quorum         the controllers, in the order given
 * @param dynamicQuorum  formatted {@code --standalone}; only for a one-voter quorum
 * @param bindHost       the address both listeners bind to
 * @param advertisedHost the host clients and other nodes are told to connect to
 * @param listenerPort   clients' (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param dataDir        {@code log.dirs}: metadata log and all topic data
 * @param clusterId      written to the data directory when it is formatted; a formatted directory keeps its own
 */
public record ClusterNode(int nodeId, List<Voter> quorum, boolean dynamicQuorum, String bindHost, String advertisedHost,
                          int listenerPort, int controllerPort, Path dataDir, String clusterId) {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** One controller of the quorum, as {@code id@host:port}. */
    public record Voter(int id, String host, int port) {
        public Voter {
            if (id < 0) {
                throw new IllegalArgumentException("node id must be >= 0, got " + id);
            }
            requireHost(host, "voter " + id);
            requirePort(port, "voter " + id);
        }

        @Override
        public String toString() {
            return id + "@" + host + ":" + port;
        }
    }

    public ClusterNode {
        quorum = List.copyOf(quorum);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clusterId, "clusterId");
        requireHost(bindHost, "bind");
        requireHost(advertisedHost, "advertised");
        requirePort(listenerPort, "listener");
        requirePort(controllerPort, "controller");
        if (listenerPort == controllerPort) {
            throw new IllegalArgumentException("listener and controller ports must differ, both are " + listenerPort);
        }
        if (quorum.isEmpty()) {
            throw new IllegalArgumentException("the controller quorum names no voter");
        }
        Set<Integer> ids = new HashSet<>();
        for (Voter voter : quorum) {
            if (!ids.add(voter.id())) {
                throw new IllegalArgumentException("node " + voter.id() + " appears twice in the quorum " + quorumString(quorum));
            }
        }
        if (!ids.contains(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not in the controller quorum " + quorumString(quorum)
                    + " (every node is a controller too)");
        }
        if (dynamicQuorum && quorum.size() != 1) {
            throw new IllegalArgumentException("a standalone node is a quorum of one, not " + quorum.size());
        }
    }

    /** The embedded broker: node 1 on the loopback address, a one-node dynamic quorum, a fresh cluster ID. */
    public static ClusterNode standalone(Path dataDir, int listenerPort, int controllerPort) {
        String host = "127.0.0.1";
        return new ClusterNode(1, List.of(new Voter(1, host, controllerPort)), true, host, host, listenerPort, controllerPort,
                dataDir, Uuid.randomUuid().toString());
    }

    /**
     * Node {@code nodeId} of the static quorum {@code quorum}, listening on {@code advertisedHost} (bind to another
     * address with {@link #withBindHost}); its cluster ID is {@link #clusterIdOf(List)} of the quorum.
     */
    public static ClusterNode of(int nodeId, List<Voter> quorum, String advertisedHost, int listenerPort, int controllerPort,
                                 Path dataDir) {
        return new ClusterNode(nodeId, quorum, false, advertisedHost, advertisedHost, listenerPort, controllerPort, dataDir,
                clusterIdOf(quorum));
    }

    /**
     * Parses {@code id@host:port,id@host:port,...}, Kafka's {@code controller.quorum.voters} syntax.
     *
     * @throws IllegalArgumentException naming the entry that is not of that form
     */
    public static List<Voter> parseQuorum(String text) {
        List<Voter> voters = new ArrayList<>();
        for (String entry : text.split(",")) {
            String voter = entry.strip();
            int at = voter.indexOf('@');
            int colon = voter.lastIndexOf(':');
            if (at <= 0 || colon <= at + 1 || colon == voter.length() - 1) {
                throw new IllegalArgumentException("quorum entry '" + voter + "' is not of the form id@host:port");
            }
            try {
                voters.add(new Voter(Integer.parseInt(voter.substring(0, at)), voter.substring(at + 1, colon),
                        Integer.parseInt(voter.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("quorum entry '" + voter + "' is not of the form id@host:port", e);
            }
        }
        return voters;
    }

    /**
     * The cluster ID every node of {@code quorum} formats its directory with: a hash of the voters, so that the nodes
     * of one quorum agree and a directory formatted for another quorum is refused by Kafka at start.
     */
    public static String clusterIdOf(List<Voter> quorum) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("crucible-cluster:" + quorumString(quorum)).getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.wrap(hash);
            return new Uuid(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public ClusterNode withBindHost(String host) {
        return new ClusterNode(nodeId, quorum, dynamicQuorum, host, advertisedHost, listenerPort, controllerPort, dataDir, clusterId);
    }

    public ClusterNode withClusterId(String id) {
        return new ClusterNode(nodeId, quorum, dynamicQuorum, bindHost, advertisedHost, listenerPort, controllerPort, dataDir, id);
    }

    /** Nodes in the cluster: every voter is a broker too. */
    public int clusterSize() {
        return quorum.size();
    }

    /** {@code host:port} clients bootstrap from. */
    public String bootstrapServers() {
        return advertisedHost + ":" + listenerPort;
    }

    /** The broker properties of this node: {@link BrokerDefaults#forCluster} plus identity, listeners and quorum. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(BrokerDefaults.forCluster(clusterSize()));
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(nodeId));
        config.put("log.dirs", dataDir.toString());
        config.put("listeners", BROKER_LISTENER + "://" + bindHost + ":" + listenerPort + ","
                + CONTROLLER_LISTENER + "://" + bindHost + ":" + controllerPort);
        config.put("advertised.listeners", BROKER_LISTENER + "://" + advertisedHost + ":" + listenerPort);
        config.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", BROKER_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        if (dynamicQuorum) {
            // the voter set is kept in the metadata log, so the controller port may change between starts;
            // static controller.quorum.voters would pin it
            config.put("controller.quorum.bootstrap.servers", advertisedHost + ":" + controllerPort);
        } else {
            config.put("controller.quorum.voters", quorumString(quorum));
        }
        return config;
    }

    /** Arguments of {@code kafka-storage format} besides the config file, release and features. */
    public List<String> formatArguments() {
        List<String> args = new ArrayList<>(List.of("--cluster-id", clusterId));
        if (dynamicQuorum) {
            args.add("--standalone");
        }
        return args;
    }

    private static String quorumString(List<Voter> voters) {
        return voters.stream().map(Voter::toString).collect(Collectors.joining(","));
    }

    private static void requireHost(String host, String what) {
        if (host == null || host.isBlank() || host.contains(",") || host.contains("@")) {
            throw new IllegalArgumentException(what + " host must be a host name or address, got '" + host + "'");
        }
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(what + " port must be 1-65535, got " + port);
        }
    }
}
