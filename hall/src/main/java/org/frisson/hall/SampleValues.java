package org.frisson.hall;

import java.util.Objects;

/** A chunk's samples, channel-interleaved, in the type they travel as. */
public sealed interface SampleValues {

    /** How many values (samples times channels). */
    int length();

    /** float32 streams, copied as they are. */
    record Floats(float[] values) implements SampleValues {
        public Floats {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int length() {
            return values.length;
        }
    }

    /** Every other numeric stream, as doubles. */
    record Doubles(double[] values) implements SampleValues {
        public Doubles {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int length() {
            return values.length;
        }
    }

    /** String (marker) streams. */
    record Texts(String[] values) implements SampleValues {
        public Texts {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int length() {
            return values.length;
        }
    }
}
