package dev.crucible.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void readsPeaksFromCollectionSummariesOnly() {
        GcLog gc = GcLog.parse(List.of(
                "[0.005s][info][gc,init] Heap Max Capacity: 256M",
                "[0.410s][info][gc,heap     ] GC(0) Eden regions: 12->0(14)",
                "[0.411s][info][gc,metaspace] GC(0) Metaspace: 9000K(9216K)->9000K(9216K) NonClass: 8000K(8192K)->8000K(8192K)",
                "[0.411s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->3M(256M) 2.345ms",
                "[1.902s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(200M) 4.100ms",
                "[2.500s][info][gc] GC(2) Pause Full (System.gc()) 1G->40960K(256M) 30.000ms",
                "[3.000s][info][gc,cpu      ] GC(2) User=0.01s Sys=0.00s Real=0.00s"));

        assertThat(gc.collections()).isEqualTo(3);
        assertThat(gc.peakAfterMb()).isEqualTo(40.0);
        assertThat(gc.peakBeforeMb()).isEqualTo(1024.0);
        assertThat(gc.committedMb()).isEqualTo(256.0);
    }

    @Test
    void noCollectionsNoPeaks() {
        assertThat(GcLog.parse(List.of("[0.005s][info][gc,init] Version: 25"))).isEqualTo(new GcLog(0, 0, 0, 0));
    }
}
