package org.frisson.hall;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCodecTest {

    private final ChunkCodec codec = new ChunkCodec();

    private static Chunk floats() {
        return new Chunk("edge-a", "P001", "frisson-sim-x-p001-gsr", 7, 2, new double[]{10.0, 10.5},
                new double[]{10.25, 10.75}, 0.25, 0.001, new SampleValues.Floats(new float[]{1.5f, -2.25f, 3f, 4f}));
    }

    @Test
    void floatDoubleAndStringChunksRoundTrip() {
        Chunk f = codec.decode(codec.encode(floats()));
        assertEquals("edge-a", f.edgeId());
        assertEquals("P001", f.participant());
        assertEquals("frisson-sim-x-p001-gsr", f.sourceId());
        assertEquals(7, f.sequence());
        assertEquals(2, f.channelCount());
        assertArrayEquals(new double[]{10.0, 10.5}, f.sourceStamps());
        assertArrayEquals(new double[]{10.25, 10.75}, f.edgeStamps());
        assertEquals(0.25, f.clockOffset());
        assertEquals(0.001, f.clockUncertainty());
        assertArrayEquals(new float[]{1.5f, -2.25f, 3f, 4f}, ((SampleValues.Floats) f.values()).values());

        Chunk d = codec.decode(codec.encode(new Chunk("e", "P2", "s", 0, 1, new double[]{1}, new double[]{2}, 1, Double.NaN,
                new SampleValues.Doubles(new double[]{Math.PI}))));
        assertArrayEquals(new double[]{Math.PI}, ((SampleValues.Doubles) d.values()).values());
        assertTrue(Double.isNaN(d.clockUncertainty()));

        Chunk t = codec.decode(codec.encode(new Chunk("e", "P2", "m", 3, 1, new double[]{1, 2}, new double[]{1, 2}, 0, 0,
                new SampleValues.Texts(new String[]{"chill", "ünïcode"}))));
        assertArrayEquals(new String[]{"chill", "ünïcode"}, ((SampleValues.Texts) t.values()).values());
    }

    @Test
    void headersRoundTrip() {
        StreamHeaderCodec headers = new StreamHeaderCodec();
        StreamHeader h = new StreamHeader("edge-a", "P001", "src", "<info><desc><participant>P001</participant></desc></info>");
        assertEquals(h, headers.decode(headers.encode(h)));
    }

    @Test
    void aHeaderIsNotTakenForAChunk() {
        byte[] header = new StreamHeaderCodec().encode(new StreamHeader("e", "P1", "s", "<info/>"));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> codec.decode(header));
        assertTrue(e.getMessage().contains("another schema or version"), e.getMessage());
    }

    @Test
    void foreignBytesAreRefusedAsSuch() {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> codec.decode("{\"json\": 1}".getBytes()));
        assertTrue(e.getMessage().contains("C3 01 marker"), e.getMessage());
        assertThrows(RecordFormatException.class, () -> codec.decode(null));
    }

    @Test
    void aTruncatedChunkNamesTheFieldWhereItBrokeOff() {
        byte[] whole = codec.encode(floats());
        // cut inside the values: every field before them is whole
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> codec.decode(cut));
        assertEquals("values.values", e.field(), e.getMessage());
    }

    @Test
    void anInconsistentChunkIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Chunk("e", "P1", "s", 0, 2,
                new double[]{1}, new double[]{1}, 0, 0, new SampleValues.Floats(new float[]{1f})));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }
}
